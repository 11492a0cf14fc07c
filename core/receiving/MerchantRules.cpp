#include "MerchantRules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
Error invalid(const QString& message)
{
    return Error::validation(u"rules.invalid"_s, u"The merchant's receiving rules are invalid: %1"_s).with(message);
}

bool isGrade(Condition condition)
{
    return condition != Condition::Missing && condition != Condition::IncorrectItem;
}
} // namespace

bool MerchantRules::isDelivered(const QString& labelStatus) const
{
    const QString status = labelStatus.trimmed();
    if (status.isEmpty())
        return false;
    for (const QString& delivered : deliveredLabelStatuses) {
        if (status.compare(delivered.trimmed(), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray MerchantRules::toJson() const
{
    QJsonArray conditions;
    for (const Condition condition : acceptableConditions)
        conditions.append(conditionCode(condition));
    QJsonObject object {
        { u"acceptable_conditions"_s, conditions },
        { u"supervisor_value_minor"_s,
            supervisorValueMinor ? QJsonValue(double(*supervisorValueMinor)) : QJsonValue(QJsonValue::Null) },
        { u"auto_process"_s, autoProcess },
        { u"require_delivered_label"_s, requireDeliveredLabel },
        { u"delivered_label_statuses"_s, QJsonArray::fromStringList(deliveredLabelStatuses) },
        { u"send_grades"_s, sendGrades },
        { u"send_dispositions"_s, sendDispositions },
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<MerchantRules> MerchantRules::fromJson(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(invalid(u"not a JSON object (%1)."_s.arg(parseError.errorString())));
    const QJsonObject object = document.object();
    MerchantRules rules;

    const auto readBool = [&object](const QString& key, bool& target) -> Status {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isBool())
            return fail(invalid(u"\"%1\" must be true or false."_s.arg(key)));
        target = value.toBool();
        return {};
    };
    for (const auto& [key, target] : { std::pair<QString, bool*> { u"auto_process"_s, &rules.autoProcess },
             { u"require_delivered_label"_s, &rules.requireDeliveredLabel }, { u"send_grades"_s, &rules.sendGrades },
             { u"send_dispositions"_s, &rules.sendDispositions } }) {
        if (const Status read = readBool(key, *target); !read)
            return fail(read.error());
    }

    if (const QJsonValue value = object.value(u"acceptable_conditions"_s); !value.isUndefined()) {
        if (!value.isArray())
            return fail(invalid(u"\"acceptable_conditions\" must be a list of grades."_s));
        rules.acceptableConditions.clear();
        for (const QJsonValue item : value.toArray()) {
            const std::optional<Condition> condition = conditionFromCode(item.toString());
            if (!condition || !isGrade(*condition)) {
                return fail(invalid(u"\"%1\" is not a grade (grade_a, grade_b, grade_c, grade_d, junk)."_s.arg(
                    item.toVariant().toString())));
            }
            if (!rules.acceptableConditions.contains(*condition))
                rules.acceptableConditions << *condition;
        }
    }

    if (const QJsonValue value = object.value(u"supervisor_value_minor"_s); !value.isUndefined() && !value.isNull()) {
        const double minor = value.toDouble(-1);
        if (!value.isDouble() || minor < 0 || minor != double(qint64(minor)))
            return fail(invalid(u"\"supervisor_value_minor\" must be a whole, non-negative amount."_s));
        rules.supervisorValueMinor = qint64(minor);
    }

    if (const QJsonValue value = object.value(u"delivered_label_statuses"_s); !value.isUndefined()) {
        if (!value.isArray())
            return fail(invalid(u"\"delivered_label_statuses\" must be a list of label statuses."_s));
        rules.deliveredLabelStatuses.clear();
        for (const QJsonValue item : value.toArray()) {
            if (!item.isString() || item.toString().trimmed().isEmpty())
                return fail(invalid(u"\"delivered_label_statuses\" must hold non-empty strings."_s));
            rules.deliveredLabelStatuses << item.toString().trimmed();
        }
    }
    return rules;
}

} // namespace Dockside
