#pragma once

#include "SimResponse.h"

#include <QList>
#include <QString>

#include <utility>

// Collects field errors and renders Laravel's 422 body:
// {"message":"<first error> (and N more errors)","errors":{"field":["..."]}}
class ValidationErrors final
{
public:
    void add(const QString& field, const QString& message);
    bool isEmpty() const { return m_errors.isEmpty(); }
    SimResponse response() const;

private:
    QList<std::pair<QString, QStringList>> m_errors;
};
