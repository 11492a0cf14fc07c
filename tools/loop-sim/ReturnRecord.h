#pragma once

#include "LoopEnums.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// One Loop return as the simulator holds it: compact ids and indices into the Catalogue; text is derived when a
// response is written. Times are UTC seconds since the epoch; 0 means "null".
struct ReturnRecord
{
    struct LineItem
    {
        qint64 id = 0; // Loop line_item_id
        qint64 providerLineItemId = 0;
        int variantIndex = 0;
        int exchangeVariantIndex = -1;
        LoopEnums::Resolution resolution = LoopEnums::Resolution::Refund;
        qint32 priceCents = 0;
        qint32 discountCents = 0;
        qint32 taxCents = 0;
        quint8 reasonIndex = 0;
        quint8 commentIndex = 0;
        bool removed = false;
        qint64 returnedAt = 0;
        // Set by the Grade / Assess APIs; empty object = null.
        QJsonObject condition;
        QJsonObject disposition;
    };

    struct Note
    {
        qint64 id = 0;
        QString content;
        qint64 createdAt = 0;
    };

    // Every warehouse action call this return received, for the truth endpoint.
    struct ActionCall
    {
        QString action;
        qint64 at = 0;
        int httpStatus = 0;
        QByteArray body;
        bool effective = false; // changed something (queued, transitioned, stored)
        QString fault; // fault injected into the HTTP exchange after the handler ran
    };

    struct Refund
    {
        QString gateway;
        qint32 amountCents = 0;
        QString providerRefundId;
    };

    qint64 id = 0;
    qint64 orderId = 0;
    qint64 providerOrderId = 0;
    int orderNumber = 0;
    LoopEnums::ReturnState state = LoopEnums::ReturnState::Open;
    bool flagged = false;
    LoopEnums::Outcome outcome = LoopEnums::Outcome::Refund;
    LoopEnums::ReturnMethod returnMethod = LoopEnums::ReturnMethod::PrepaidLabel;

    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 closedAt = 0;
    qint64 editedAt = 0;

    // Customer and original shipping address.
    QString firstName;
    QString lastName;
    QString email;
    int cityIndex = 0;
    int streetIndex = 0;
    int streetNumber = 0;
    bool giftReturn = false;
    bool multiCurrency = false;
    qint32 handlingFeeCents = 0;
    int destinationIndex = 0;

    // Label. The tracking number and label barcode exist from the start (the label a scanner will read);
    // the API shows them only once labelCreated is true.
    LoopEnums::Carrier carrier = LoopEnums::Carrier::None;
    QString service;
    QString trackingNumber;
    QString labelBarcode;
    QString labelBarcodeKind;
    bool labelCreated = false;
    QString labelStatus; // LoopEnums::labelStatusNone() until created
    qint64 labelUpdatedAt = 0;
    qint64 dateDelivered = 0;
    qint32 labelRateCents = 0;
    qint64 shipmentId = 0;
    QString rmaCode; // Happy Returns drop-off QR code
    QString packageReference;

    QList<LineItem> lineItems;
    QList<Note> notes;
    QList<ActionCall> actions;
    QList<Refund> refunds;
    QJsonObject additionalDetails; // merged bodies of accepted process calls
    QString exchangeOrderName;
    qint64 exchangeOrderId = 0;
    QString actionedBy;

    // Warehouse process bookkeeping.
    bool processQueued = false;
    int processCallsReceived = 0;
    int processCallsAccepted = 0;
    int processRuns = 0;
    int processFailures = 0;
    bool failNextProcess = false;
    QString failNextProcessMessage;
};
