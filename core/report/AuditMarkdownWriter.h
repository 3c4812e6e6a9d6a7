#pragma once

#include "audit/AuditResult.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace rediscope {

// The Markdown report of an audit (`rediscope audit --format markdown`), for tickets and pull
// requests (GitHub-flavoured tables). An overview table of every target, then per target a
// heading with its name, grade and endpoint, a table of the connection stages, the TLS facts
// (negotiated session, leaf certificate, probe), a findings table (severity, id, title) and the
// details of each finding with evidence and remediation. Every piece of text is escaped, so that
// a value from a server or a file cannot break a table, open a code span or inject HTML.
// `now` is the reference time for certificate expiry.
// Findings without a target (`rediscope lint-config`) under a level-1 heading `title`: a table
// of every finding, then each one's details with its file and line.
QString findingsToMarkdown(const QString& title, const QList<Finding>& findings);

QString auditToMarkdown(const QList<AuditResult>& results,
                        const QDateTime& now = QDateTime::currentDateTimeUtc());

// `text` escaped for Markdown inline text: backslash, backtick, *, _, [, ], <, >, |, ~, # and &
// lose their meaning; line breaks become spaces; control characters are shown as \xNN.
QString markdownText(const QString& text);

// `text` as an inline code span: fenced with more backticks than it contains, padded with a space
// where it starts or ends with a backtick; line breaks become spaces. With `inTable`, `|` is
// escaped too (GitHub-flavoured tables split cells on it even inside code spans). Empty text
// gives an empty string.
QString markdownCode(const QString& text, bool inTable = false);

} // namespace rediscope
