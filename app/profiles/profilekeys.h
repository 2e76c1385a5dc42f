#pragma once

#include <QLatin1StringView>

/// The profiles file's JSON keys (README.md documents the format), each named once for
/// both reading (ProfileReader) and writing (ProfileStore).
namespace Key {
constexpr QLatin1StringView Format("format");
constexpr QLatin1StringView Version("version");
constexpr QLatin1StringView Profiles("profiles");
constexpr QLatin1StringView Name("name");
constexpr QLatin1StringView Url("url");
constexpr QLatin1StringView BuiltInEchoServer("builtInEchoServer");
constexpr QLatin1StringView Headers("headers");
constexpr QLatin1StringView Value("value");
constexpr QLatin1StringView Subprotocols("subprotocols");
constexpr QLatin1StringView ConnectTimeoutMs("connectTimeoutMs");
constexpr QLatin1StringView CloseTimeoutMs("closeTimeoutMs");
constexpr QLatin1StringView IgnoreTlsErrors("ignoreTlsErrors");
constexpr QLatin1StringView ShowSecretsInLog("showSecretsInLog");
constexpr QLatin1StringView PingIntervalMs("pingIntervalMs");
constexpr QLatin1StringView MaxLogRows("maxLogRows");
constexpr QLatin1StringView MaxIncomingMessageMiB("maxIncomingMessageMiB");
constexpr QLatin1StringView LogMemoryBudgetMiB("logMemoryBudgetMiB");
constexpr QLatin1StringView Snippets("snippets");
constexpr QLatin1StringView Payload("payload");
} // namespace Key

#include <QString>

namespace Key {

/// "headers[2]": where an array element is, for error messages.
inline QString element(QLatin1StringView array, qsizetype index)
{
    return QStringLiteral("%1[%2]").arg(array).arg(index);
}

/// "headers[2].name": where an element's member is, for error messages.
inline QString member(const QString &element, QLatin1StringView key)
{
    return element + QLatin1Char('.') + key;
}

} // namespace Key

namespace Key {
constexpr QLatin1StringView Tls("tls");
constexpr QLatin1StringView CaBundleFile("caBundleFile");
constexpr QLatin1StringView CaBundleMode("caBundleMode"); ///< "add" or "replace"
constexpr QLatin1StringView ClientCertificateFile("clientCertificateFile");
constexpr QLatin1StringView ClientKeyFile("clientKeyFile");
constexpr QLatin1StringView Proxy("proxy");
constexpr QLatin1StringView Type("type");
constexpr QLatin1StringView Host("host");
constexpr QLatin1StringView Port("port");
constexpr QLatin1StringView User("user");
} // namespace Key

namespace Key {
constexpr QLatin1StringView Environments("environments"); ///< version 2
constexpr QLatin1StringView ActiveEnvironment("activeEnvironment");
constexpr QLatin1StringView Variables("variables");
constexpr QLatin1StringView Secret("secret");
constexpr QLatin1StringView SecretRef("secretRef"); ///< A keychain entry (SecretStore)
} // namespace Key
