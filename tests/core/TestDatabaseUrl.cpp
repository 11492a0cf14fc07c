#include "storage/DatabaseUrl.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

class TestDatabaseUrl final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldParseAbsoluteSqlitePath()
    {
        // WHEN
        const Result<DatabaseUrl> url = DatabaseUrl::parse(u"sqlite:///var/lib/dockside/station.sqlite"_s);
        // THEN
        QVERIFY(url);
        QVERIFY(url->isSqlite());
        QCOMPARE(url->sqlitePath(), u"/var/lib/dockside/station.sqlite"_s);
        QCOMPARE(url->toDisplayString(), u"sqlite:///var/lib/dockside/station.sqlite"_s);
    }

    void shouldParsePostgresUrlWithAllParts()
    {
        const Result<DatabaseUrl> url
            = DatabaseUrl::parse(u"postgresql://dock:s3cr%40t@db.example.test:6543/dockside?sslmode=require"_s);
        QVERIFY(url);
        QCOMPARE(url->backend(), DatabaseUrl::Backend::Postgres);
        QCOMPARE(url->host(), u"db.example.test"_s);
        QCOMPARE(url->port(), 6543);
        QCOMPARE(url->userName(), u"dock"_s);
        QCOMPARE(url->password(), u"s3cr@t"_s);
        QCOMPARE(url->databaseName(), u"dockside"_s);
        QCOMPARE(url->options().value(u"sslmode"_s), u"require"_s);
    }

    void shouldTakeUnixSocketDirectoryFromHostOption()
    {
        const Result<DatabaseUrl> url = DatabaseUrl::parse(u"postgres://postgres@/dockside?host=/tmp/pg.sock"_s);
        QVERIFY(url);
        QCOMPARE(url->host(), u"/tmp/pg.sock"_s);
        QCOMPARE(url->toDisplayString(), u"postgresql://postgres@/dockside?host=/tmp/pg.sock"_s);
    }

    void shouldMaskPasswordWhenDisplayed()
    {
        const Result<DatabaseUrl> url = DatabaseUrl::parse(u"postgresql://dock:hunter2@localhost:5432/dockside"_s);
        QVERIFY(url);
        const QString shown = url->toDisplayString();
        QVERIFY2(!shown.contains(u"hunter2"_s), qPrintable(shown));
        QCOMPARE(shown, u"postgresql://dock:***@localhost:5432/dockside"_s);
    }

    void shouldRejectBadUrlsWithAdviceAndWithoutThePassword_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << u""_s << u"empty"_s;
        QTest::newRow("unknown scheme") << u"mysql://root:hunter2@localhost/dockside"_s << u"mysql"_s;
        QTest::newRow("no database") << u"postgresql://dock:hunter2@localhost:5432"_s << u"no database"_s;
        QTest::newRow("bad port") << u"postgresql://dock:hunter2@localhost/db?port=99999"_s << u"port"_s;
        QTest::newRow("unknown option") << u"postgresql://dock:hunter2@localhost/db?color=blue"_s << u"color"_s;
        QTest::newRow("sqlite two slashes") << u"sqlite://data/x.sqlite"_s << u"three slashes"_s;
        QTest::newRow("no scheme") << u"dockside.sqlite"_s << u"no scheme"_s;
    }

    void shouldRejectBadUrlsWithAdviceAndWithoutThePassword()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        const Result<DatabaseUrl> url = DatabaseUrl::parse(text);
        QVERIFY(!url);
        QCOMPARE(url.error().kind, Error::Kind::Validation);
        QVERIFY2(url.error().message.contains(mentions), qPrintable(url.error().message));
        QVERIFY2(url.error().message.contains(u"sqlite:///"_s), qPrintable(url.error().message));
        QVERIFY2(!url.error().message.contains(u"hunter2"_s), qPrintable(url.error().message));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "TestDatabaseUrl.moc"
