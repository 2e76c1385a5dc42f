#pragma once

#include <QSaveFile>
#include <QString>
#include <memory>

/// Opens @p path for writing through QSaveFile, readable and writable by its owner only
/// (0600): an export holds what crossed the wire, tokens included. An existing file is
/// tightened first, since QSaveFile::open() copies its permissions. Returns null, with
/// the reason in @p error, when the file cannot be opened.
std::unique_ptr<QSaveFile> openOwnerOnly(const QString &path, QString *error);
