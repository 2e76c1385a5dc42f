#include "closecodecatalogue.h"

const QList<CloseCodeInfo> &CloseCodeCatalogue::namedCodes()
{
    // Names from the IANA registry, meanings from RFC 6455 7.4.1 and the registry's
    // references (RFC 6455 for 1000-1011 and 1015; IANA for 1012-1014).
    static const QList<CloseCodeInfo> codes = {
        {1000, tr("Normal Closure"),
         tr("The purpose for which the connection was "
            "established has been fulfilled.")},
        {1001, tr("Going Away"),
         tr("The endpoint is going away, such as a server going down "
            "or a browser navigating away from a page.")},
        {1002, tr("Protocol Error"),
         tr("The endpoint is terminating the connection due to a protocol error.")},
        {1003, tr("Unsupported Data"),
         tr("The endpoint received a type of data it cannot accept, "
            "e.g. binary data when it only understands text.")},
        {1004, tr("Reserved"),
         tr("Reserved. Its meaning might be defined in the future; "
            "it must not be sent.")},
        {1005, tr("No Status Rcvd"),
         tr("No status code was present in the close frame. "
            "Reported locally; must never be sent.")},
        {1006, tr("Abnormal Closure"),
         tr("The connection was closed without a close frame. "
            "Reported locally; must never be sent.")},
        {1007, tr("Invalid Frame Payload Data"),
         tr("The endpoint received data within a message that was not consistent with its type, "
            "e.g. non-UTF-8 data in a text message.")},
        {1008, tr("Policy Violation"),
         tr("The endpoint received a message that violates its policy.")},
        {1009, tr("Message Too Big"),
         tr("The endpoint received a message that is too big for it to process.")},
        {1010, tr("Mandatory Extension"),
         tr("The client expected the server to negotiate one or more extensions, and the server "
            "did not. Sent by clients only.")},
        {1011, tr("Internal Error"),
         tr("The server encountered an unexpected condition that "
            "prevented it from fulfilling the request.")},
        {1012, tr("Service Restart"), tr("The service is restarting.")},
        {1013, tr("Try Again Later"),
         tr("The service is temporarily overloaded; try again later.")},
        {1014, tr("Bad Gateway"),
         tr("The server, acting as a gateway, received an invalid response from upstream.")},
        {1015, tr("TLS Handshake"),
         tr("The TLS handshake failed. Reported locally; must never "
            "be sent.")},
    };
    return codes;
}

QList<CloseCodeInfo> CloseCodeCatalogue::sendableNamedCodes()
{
    QList<CloseCodeInfo> result;
    for (const CloseCodeInfo &info : namedCodes()) {
        if (maySend(info.code))
            result.append(info);
    }
    return result;
}

CloseCodeClass CloseCodeCatalogue::classify(int code)
{
    if (code < NormalClosure)
        return CloseCodeClass::Unused;
    if (code == NoStatusReceived || code == AbnormalClosure || code == TlsHandshake)
        return CloseCodeClass::NeverSent;
    if (code == 1004 || (code >= 1016 && code <= 2999))
        return CloseCodeClass::Reserved;
    if (code <= 1014)
        return CloseCodeClass::Standard;
    if (code < FirstPrivateUse)
        return CloseCodeClass::Registered;
    if (code <= MaxApplicationCode)
        return CloseCodeClass::PrivateUse;
    return CloseCodeClass::OutOfRange;
}

bool CloseCodeCatalogue::maySend(int code)
{
    switch (classify(code)) {
    case CloseCodeClass::Standard:
    case CloseCodeClass::Registered:
    case CloseCodeClass::PrivateUse:
        return true;
    case CloseCodeClass::Unused:
    case CloseCodeClass::NeverSent:
    case CloseCodeClass::Reserved:
    case CloseCodeClass::OutOfRange:
        break;
    }
    return false;
}

static const CloseCodeInfo *findNamed(int code)
{
    const QList<CloseCodeInfo> &codes = CloseCodeCatalogue::namedCodes();
    const int index = code - codes.constFirst().code;
    if (index < 0 || index >= codes.size())
        return nullptr;
    return &codes.at(index);
}

QString CloseCodeCatalogue::name(int code)
{
    if (const CloseCodeInfo *info = findNamed(code))
        return info->name;
    switch (classify(code)) {
    case CloseCodeClass::Unused:
        return tr("Unused");
    case CloseCodeClass::Reserved:
        return tr("Reserved");
    case CloseCodeClass::Registered:
        return tr("Registered (IANA)");
    case CloseCodeClass::PrivateUse:
        return tr("Private Use");
    case CloseCodeClass::OutOfRange:
        return tr("Out of Range");
    case CloseCodeClass::Standard:
    case CloseCodeClass::NeverSent:
        break;
    }
    return tr("Unknown");
}

QString CloseCodeCatalogue::description(int code)
{
    if (const CloseCodeInfo *info = findNamed(code))
        return info->description;
    switch (classify(code)) {
    case CloseCodeClass::Unused:
        return tr("Codes 0-999 are not used (RFC 6455 7.4.2); must not be sent.");
    case CloseCodeClass::Reserved:
        return tr("Codes 1016-2999 are reserved for the protocol (RFC 6455 7.4.2); "
                  "must not be sent.");
    case CloseCodeClass::Registered:
        return tr("Codes 3000-3999 are registered with IANA for libraries, frameworks "
                  "and applications.");
    case CloseCodeClass::PrivateUse:
        return tr("Codes 4000-4999 are for private use by applications.");
    case CloseCodeClass::OutOfRange:
        return tr("Codes of 5000 and above are outside every range RFC 6455 defines; "
                  "must not be sent.");
    case CloseCodeClass::Standard:
    case CloseCodeClass::NeverSent:
        break;
    }
    return QString();
}

QString CloseCodeCatalogue::label(int code)
{
    return QStringLiteral("%1 %2").arg(code).arg(name(code));
}

CloseCheck CloseCodeCatalogue::check(int code, const QString &reason)
{
    CloseCheck result;
    result.reasonBytes = int(reason.toUtf8().size());
    if (!maySend(code)) {
        switch (classify(code)) {
        case CloseCodeClass::NeverSent:
            result.problem =
                tr("%1 must never be sent in a close frame (RFC 6455 7.4.1).").arg(label(code));
            break;
        case CloseCodeClass::Reserved:
            result.problem = tr("%1 is reserved and must not be sent (RFC 6455 7.4.2).").arg(code);
            break;
        default:
            result.problem = tr("%1 is not a valid close code: use 1000-1003, 1007-1014 "
                                "or 3000-4999 (RFC 6455 7.4).")
                                 .arg(code);
            break;
        }
        return result;
    }
    if (result.reasonBytes > MaxReasonBytes) {
        result.problem = tr("The close reason is %1 bytes of UTF-8; a close frame holds at "
                            "most %2 (RFC 6455 5.5).")
                             .arg(result.reasonBytes)
                             .arg(MaxReasonBytes);
        return result;
    }
    result.ok = true;
    return result;
}
