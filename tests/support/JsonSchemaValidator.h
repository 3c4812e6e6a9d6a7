#pragma once

// An independent JSON Schema validator for tests: Debian's python3-jsonschema
// (`python3 -m jsonschema -i INSTANCE SCHEMA`). A missing validator is an error with
// instructions, never a skip.

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

class JsonSchemaValidator
{
public:
    struct Validation
    {
        bool ran = false;
        int exitCode = -1;
        QString output;
    };

    // Finds a Python with the jsonschema module: REDISCOPE_PYTHON, then /usr/bin/python3 (where
    // Debian's package installs it), then python3 on PATH. Empty on success, else why not.
    QString find()
    {
        QStringList candidates;
        if (qEnvironmentVariableIsSet("REDISCOPE_PYTHON"))
            candidates << qEnvironmentVariable("REDISCOPE_PYTHON");
        candidates << QStringLiteral("/usr/bin/python3") << QStringLiteral("python3");
        QStringList tried;
        for (const QString& python : std::as_const(candidates)) {
            QProcess probe;
            probe.setProcessChannelMode(QProcess::MergedChannels);
            probe.start(python, {QStringLiteral("-m"), QStringLiteral("jsonschema"),
                                 QStringLiteral("--version")});
            const bool finished = probe.waitForFinished(60000);
            const QString output = QString::fromUtf8(probe.readAll()).trimmed();
            if (finished && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0) {
                m_python = python;
                m_version = output.section(QLatin1Char('\n'), -1);
                return QString();
            }
            tried << QStringLiteral("%1: %2").arg(python, output.isEmpty() ? probe.errorString()
                                                                           : output.left(200));
        }
        return QStringLiteral("No JSON Schema validator: this test needs `python3 -m jsonschema`. "
                              "Install Debian's python3-jsonschema (scripts/install-deps.sh does), "
                              "or point REDISCOPE_PYTHON at a Python that has it.\nTried:\n%1")
            .arg(tried.join(QLatin1Char('\n')));
    }

    QString python() const { return m_python; }
    QString version() const { return m_version; }

    // `json` (a document's bytes) against the schema file at `schemaPath`.
    Validation validate(const QByteArray& json, const QString& schemaPath)
    {
        if (m_python.isEmpty() || !m_dir.isValid())
            return {};
        const QString path = m_dir.filePath(QStringLiteral("instance-%1.json").arg(++m_files));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(json);
        file.close();

        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(m_python, {QStringLiteral("-m"), QStringLiteral("jsonschema"),
                                 QStringLiteral("-i"), path, schemaPath});
        if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
            return {};
        return {true, process.exitCode(), QString::fromUtf8(process.readAll())};
    }

private:
    QString m_python;
    QString m_version;
    QTemporaryDir m_dir;
    int m_files = 0;
};
