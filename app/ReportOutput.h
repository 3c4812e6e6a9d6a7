#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QSaveFile>
#include <QString>
#include <memory>

namespace rediscope {

// Where a command's report goes: standard output, or a file given with --output. The file is
// written atomically (QSaveFile): an interrupted or failed write leaves what was there before.
class ReportOutput
{
public:
    explicit ReportOutput(QString path); // empty: standard output

    // Opens the file for writing (so a bad path fails before the work, not after).
    Result<void> open();
    Result<void> write(const QByteArray& bytes);
    void discard();
    bool isTerminal() const; // standard output on a terminal (colour is allowed)

private:
    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
};

} // namespace rediscope
