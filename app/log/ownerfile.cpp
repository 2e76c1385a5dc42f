#include "log/ownerfile.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(OwnerFile)
};
} // namespace

std::unique_ptr<QSaveFile> openOwnerOnly(const QString &path, QString *error)
{
    constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (QFileInfo::exists(path))
        QFile::setPermissions(path, ownerOnly);
    auto file = std::make_unique<QSaveFile>(path);
    if (!file->open(QIODevice::WriteOnly)) {
        *error = Tr::tr("Cannot write \"%1\": %2").arg(path, file->errorString());
        return nullptr;
    }
    file->setPermissions(ownerOnly);
    return file;
}
