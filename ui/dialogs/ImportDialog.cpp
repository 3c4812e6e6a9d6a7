#include "ImportDialog.h"

#include "common/SecureBytes.h"
#include "profile/ProfileExport.h"
#include "profile/ProfileStore.h"
#include "secrets/SecretResolver.h"
#include "style/EnvironmentStyle.h"
#include "style/SeverityStyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QStandardPaths>
#include <QTextCursor>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

namespace rediscope {

namespace {

const QString RediscopeFormat = QStringLiteral("rediscope");
constexpr QChar MaskDot = QChar(0x2022); // •

// [start, end) ranges of `text` that hold a secret, found by the shape of the input: the
// password of a URL's user info, the password/ssl_password query options, redis-cli's -a and
// --pass words and REDISCLI_AUTH=.
QList<std::pair<qsizetype, qsizetype>> secretSpans(const QString& text)
{
    QList<std::pair<qsizetype, qsizetype>> spans;
    static const QRegularExpression url(QStringLiteral("rediss?://[^\\s'\"]+"),
                                        QRegularExpression::CaseInsensitiveOption);
    for (auto it = url.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        const QString token = match.captured();
        const qsizetype base = match.capturedStart();
        const qsizetype authority = token.indexOf(QLatin1String("://")) + 3;
        const qsizetype at = token.lastIndexOf(QLatin1Char('@'));
        if (at > authority) {
            const qsizetype colon = token.indexOf(QLatin1Char(':'), authority);
            if (colon >= 0 && colon + 1 < at)
                spans.append({base + colon + 1, base + at});
        }
        static const QRegularExpression query(
            QStringLiteral("[?&](?:password|ssl_password)=([^&#\\s]*)"),
            QRegularExpression::CaseInsensitiveOption);
        for (auto q = query.globalMatch(token); q.hasNext();) {
            const auto item = q.next();
            if (item.capturedLength(1) > 0)
                spans.append({base + item.capturedStart(1), base + item.capturedEnd(1)});
        }
    }
    // One shell word after -a / --pass / REDISCLI_AUTH=: quoted or bare.
    static const QRegularExpression option(QStringLiteral(
        "(?:(?:^|\\s)(?:-a|--pass)\\s+|(?:^|\\s)REDISCLI_AUTH=)('[^']*'|\"(?:[^\"\\\\]|\\\\.)*\"|"
        "\\S+)"));
    for (auto it = option.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        qsizetype start = match.capturedStart(1);
        qsizetype end = match.capturedEnd(1);
        const QString word = match.captured(1);
        if (word.size() >= 2 &&
            (word.front() == QLatin1Char('\'') || word.front() == QLatin1Char('"'))) {
            ++start;
            --end;
        }
        if (end > start && !word.startsWith(QLatin1String("$")) &&
            !word.startsWith(QLatin1String("\"$")))
            spans.append({start, end});
    }
    return spans;
}

QString describeTls(const Profile& profile)
{
    if (!profile.tls.enabled)
        return ImportDialog::tr("Off");
    if (!profile.tls.verifyPeer)
        return ImportDialog::tr("On, not verified");
    if (!profile.tls.verifyHostname)
        return ImportDialog::tr("On, host name not checked");
    return ImportDialog::tr("On, verified");
}

} // namespace

ImportDialog::ImportDialog(QWidget* parent)
    : QDialog(parent)
    , m_embeddedDirectory(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                          QStringLiteral("/rediscope/certificates"))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import Connections"));
    setSizeGripEnabled(true);

    auto* source = new QGroupBox(tr("Source"), this);
    auto* sourceLayout = new QVBoxLayout(source);
    auto* pasteLabel = new QLabel(
        tr("&Paste redis:// or rediss:// URLs, or redis-cli command lines, one per line:"), source);
    pasteLabel->setWordWrap(true);
    m_paste = new QPlainTextEdit(source);
    m_paste->setObjectName(QStringLiteral("pasteEdit"));
    m_paste->setUndoRedoEnabled(false); // undo would bring a masked password back
    m_paste->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_paste->setPlaceholderText(
        QStringLiteral("rediss://user@cache.example.com:6380/0\n"
                       "redis-cli --tls -h cache.example.com -p 6380 --cacert ca.pem"));
    m_paste->setTabChangesFocus(true);
    m_paste->setMinimumHeight(m_paste->fontMetrics().lineSpacing() * 4 + 12);
    m_paste->setMaximumHeight(m_paste->fontMetrics().lineSpacing() * 8 + 12);
    pasteLabel->setBuddy(m_paste);
    sourceLayout->addWidget(pasteLabel);
    sourceLayout->addWidget(m_paste, 1);

    auto* fileRow = new QHBoxLayout;
    auto* fileLabel = new QLabel(tr("Or read a &file:"), source);
    m_file = new QLineEdit(source);
    m_file->setObjectName(QStringLiteral("fileEdit"));
    m_file->setReadOnly(true);
    m_file->setPlaceholderText(
        tr("RESP.app, Another Redis Desktop Manager, RedisInsight or Rediscope export"));
    fileLabel->setBuddy(m_file);
    m_chooseFile = new QPushButton(tr("&Choose File…"), source);
    m_chooseFile->setObjectName(QStringLiteral("chooseFileButton"));
    m_chooseFile->setAutoDefault(false);
    fileRow->addWidget(fileLabel);
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_chooseFile);
    sourceLayout->addLayout(fileRow);

    auto* options = new QFormLayout;
    m_format = new QComboBox(source);
    m_format->setObjectName(QStringLiteral("formatCombo"));
    m_format->addItem(tr("Detect from the content"), importFormatName(ImportFormat::Auto));
    for (ImportFormat format : {ImportFormat::Url, ImportFormat::RedisCli, ImportFormat::RespApp,
                                ImportFormat::Ardm, ImportFormat::RedisInsight})
        m_format->addItem(importFormatTitle(format), importFormatName(format));
    m_format->addItem(tr("Rediscope profiles file"), RediscopeFormat);
    options->addRow(tr("F&ormat:"), m_format);
    m_environment = new QComboBox(source);
    m_environment->setObjectName(QStringLiteral("environmentCombo"));
    m_environment->addItem(tr("As in the source (development when it does not say)"), QString());
    const EnvironmentPolicies builtIns;
    for (const QString& name : EnvironmentStyle::builtInEnvironments())
        m_environment->addItem(EnvironmentStyle::swatchIcon(builtIns.forEnvironment(name)),
                               EnvironmentStyle::displayName(name), name);
    options->addRow(tr("Put into &environment:"), m_environment);
    sourceLayout->addLayout(options);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("importError"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->hide();

    auto* previewBox = new QGroupBox(tr("Profiles to Create"), this);
    auto* previewLayout = new QVBoxLayout(previewBox);
    m_summary = new QLabel(previewBox);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_preview = new QTreeWidget(previewBox);
    m_preview->setObjectName(QStringLiteral("previewList"));
    m_preview->setColumnCount(5);
    m_preview->setHeaderLabels(
        {tr("Name"), tr("Environment"), tr("Endpoint"), tr("TLS"), tr("Secrets")});
    m_preview->setRootIsDecorated(false);
    m_preview->setUniformRowHeights(true);
    m_preview->setAllColumnsShowFocus(true);
    m_preview->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_preview->header()->setStretchLastSection(true);
    previewLayout->addWidget(m_summary);
    previewLayout->addWidget(m_preview, 1);

    auto* unmappedBox = new QGroupBox(tr("Notes and What Could Not Be Mapped"), this);
    auto* unmappedLayout = new QVBoxLayout(unmappedBox);
    m_unmapped = new QListWidget(unmappedBox);
    m_unmapped->setObjectName(QStringLiteral("unmappedList"));
    m_unmapped->setWordWrap(true);
    m_unmapped->setTextElideMode(Qt::ElideNone);
    m_unmapped->setIconSize(QSize(16, 16));
    unmappedLayout->addWidget(m_unmapped);

    auto* results = new QSplitter(Qt::Vertical, this);
    results->setChildrenCollapsible(false);
    results->addWidget(previewBox);
    results->addWidget(unmappedBox);
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 2);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_importButton = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_importButton->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ImportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(source);
    layout->addWidget(m_errorLabel);
    layout->addWidget(results, 1);
    layout->addWidget(m_buttons);

    connect(m_paste, &QPlainTextEdit::textChanged, this, &ImportDialog::onPasteChanged);
    connect(m_chooseFile, &QPushButton::clicked, this, &ImportDialog::chooseFile);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::reparse);
    connect(m_environment, &QComboBox::currentIndexChanged, this, &ImportDialog::updatePreview);
    connect(m_preview, &QTreeWidget::itemChanged, this, &ImportDialog::updateImportButton);

    updatePreview();
    resize(860, 640);
}

ImportDialog::~ImportDialog()
{
    clearSecrets();
    for (auto& marker : m_markers)
        marker.second.fill(QLatin1Char('\0'));
    secureWipe(m_fileBytes);
}

void ImportDialog::clearSecrets()
{
    if (m_result)
        for (ImportedProfile& imported : m_result->profiles) {
            secureWipe(imported.password);
            secureWipe(imported.keyPassphrase);
        }
}

void ImportDialog::setKnownEnvironments(const QStringList& environments)
{
    QStringList custom;
    for (const QString& name : environments)
        if (!name.trimmed().isEmpty() && m_environment->findData(name) < 0)
            custom << name;
    std::sort(custom.begin(), custom.end(), EnvironmentStyle::lessThan);
    const EnvironmentPolicies policies;
    for (const QString& name : std::as_const(custom))
        m_environment->addItem(EnvironmentStyle::swatchIcon(policies.forEnvironment(name)), name,
                               name);
}

void ImportDialog::setText(const QString& text)
{
    m_paste->setPlainText(text);
}

bool ImportDialog::loadFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error =
            tr("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        m_errorLabel->setText(m_error);
        m_errorLabel->show();
        return false;
    }
    m_fileBytes = file.read(32 * 1024 * 1024);
    m_filePath = path;
    m_file->setText(QDir::toNativeSeparators(path));
    {
        const QSignalBlocker blocker(m_paste);
        m_paste->clear();
        m_markers.clear();
    }
    reparse();
    return m_error.isEmpty();
}

void ImportDialog::chooseFile()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import Connections From"), QDir::homePath(),
                                     tr("Exports (*.json *.ano *.txt);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

QString ImportDialog::markerFor(const QString& raw)
{
    for (const auto& marker : std::as_const(m_markers))
        if (marker.second == raw)
            return marker.first;
    // Masks of different lengths, so each maps back to its own original.
    qsizetype length = 8;
    for (const auto& marker : std::as_const(m_markers))
        length = std::max(length, marker.first.size() + 1);
    const QString mask(length, MaskDot);
    m_markers.append({mask, raw});
    return mask;
}

QString ImportDialog::unmask(const QString& text) const
{
    auto markers = m_markers;
    std::sort(markers.begin(), markers.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    QString raw = text;
    for (const auto& marker : std::as_const(markers))
        raw.replace(marker.first, marker.second);
    return raw;
}

QString ImportDialog::mask(const QString& raw)
{
    auto spans = secretSpans(raw);
    // The secrets the importer found, wherever else they appear verbatim (or percent-encoded).
    if (m_result) {
        QStringList values;
        for (const ImportedProfile& imported : std::as_const(m_result->profiles))
            for (const QByteArray* secret : {&imported.password, &imported.keyPassphrase})
                if (secret->size() >= 4) {
                    values << QString::fromUtf8(*secret);
                    values << QString::fromLatin1(QUrl::toPercentEncoding(values.last()));
                }
        for (const QString& value : std::as_const(values))
            for (qsizetype from = raw.indexOf(value); from >= 0;
                 from = raw.indexOf(value, from + value.size()))
                spans.append({from, from + value.size()});
    }
    if (spans.isEmpty())
        return raw;
    std::sort(spans.begin(), spans.end());
    // Merge overlapping spans, then replace from the end.
    QList<std::pair<qsizetype, qsizetype>> merged;
    for (const auto& span : std::as_const(spans)) {
        if (!merged.isEmpty() && span.first <= merged.last().second)
            merged.last().second = std::max(merged.last().second, span.second);
        else
            merged.append(span);
    }
    QString masked = raw;
    for (auto it = merged.crbegin(); it != merged.crend(); ++it) {
        const QString original = raw.mid(it->first, it->second - it->first);
        if (original.count(MaskDot) == original.size())
            continue;
        masked.replace(it->first, it->second - it->first, markerFor(original));
    }
    return masked;
}

void ImportDialog::onPasteChanged()
{
    if (m_masking)
        return;
    if (!m_paste->toPlainText().isEmpty() && !m_filePath.isEmpty()) {
        m_filePath.clear();
        m_fileBytes.clear();
        m_file->clear();
    }
    reparse();
}

void ImportDialog::reparse()
{
    const QString format = m_format->currentData().toString();
    if (!m_filePath.isEmpty()) {
        if (format == RediscopeFormat || (format == importFormatName(ImportFormat::Auto) &&
                                          QJsonDocument::fromJson(m_fileBytes)
                                              .object()
                                              .value(QStringLiteral("schema"))
                                              .toString()
                                              .startsWith(QLatin1String("rediscope-profiles/")))) {
            clearSecrets();
            QString error;
            m_result = readRediscopeFile(m_filePath, &error);
            m_error = error;
            updatePreview();
            return;
        }
        parseBytes(m_fileBytes, true);
        return;
    }

    const QString displayed = m_paste->toPlainText();
    const QString raw = unmask(displayed);
    parseBytes(raw.toUtf8(), false);

    // Mask what the input reveals, keeping the cursor where it was relative to the end.
    const QString masked = mask(raw);
    if (masked != displayed) {
        // The cursor keeps its place: before the first change, from the start; after, from
        // the end.
        const int position = m_paste->textCursor().position();
        int common = 0;
        while (common < displayed.size() && common < masked.size() &&
               displayed.at(common) == masked.at(common))
            ++common;
        const int target =
            position <= common ? position : int(masked.size()) - (int(displayed.size()) - position);
        m_masking = true;
        m_paste->setPlainText(masked);
        QTextCursor cursor = m_paste->textCursor();
        cursor.setPosition(std::clamp(target, 0, int(masked.size())));
        m_paste->setTextCursor(cursor);
        m_masking = false;
    }
    // Forget masks that are no longer in the text.
    const QString now = m_paste->toPlainText();
    m_markers.removeIf([&now](const auto& marker) { return !now.contains(marker.first); });
}

void ImportDialog::parseBytes(const QByteArray& input, bool fromFile)
{
    clearSecrets();
    m_result.reset();
    m_error.clear();
    if (input.trimmed().isEmpty()) {
        updatePreview();
        return;
    }
    QString format = m_format->currentData().toString();
    if (format == RediscopeFormat)
        format = importFormatName(ImportFormat::Auto);
    auto result = importProfiles(input, format);
    if (!result)
        m_error = fromFile ? tr("%1 could not be read: %2")
                                 .arg(QFileInfo(m_filePath).fileName(), result.error().message)
                           : result.error().message;
    else
        m_result = std::move(*result);
    updatePreview();
}

std::optional<ImportResult> ImportDialog::readRediscopeFile(const QString& path,
                                                            QString* error) const
{
    auto store = ProfileStore::open(path);
    if (!store) {
        *error = store.error().message;
        return std::nullopt;
    }
    ImportResult result;
    for (const Profile& original : store->profiles()) {
        ImportedProfile imported;
        imported.profile = original;
        imported.profile.id = QUuid::createUuid(); // never replace a profile of this store
        imported.password = original.inlinePassword;
        imported.keyPassphrase = original.inlineKeyPassphrase;
        imported.profile.inlinePassword.clear();
        imported.profile.inlineKeyPassphrase.clear();
        const auto keychainNote = [&](SecretRef& ref, const QString& what) {
            if (ref.source != SecretRef::Source::Keychain)
                return;
            ref = SecretRef::prompt();
            const QString warning =
                tr("Profile \"%1\": the %2 is in the keychain of the original profile; it will "
                   "be asked for until you enter it in the profile editor.")
                    .arg(original.name, what);
            imported.warnings << warning;
            result.warnings << warning;
        };
        keychainNote(imported.profile.password, tr("password"));
        keychainNote(imported.profile.tls.keyPassphrase, tr("key passphrase"));
        result.profiles << imported;
    }
    if (result.profiles.isEmpty()) {
        *error = tr("The profiles file holds no profile.");
        return std::nullopt;
    }
    return result;
}

QString ImportDialog::overrideEnvironment() const
{
    return m_environment->currentData().toString();
}

void ImportDialog::updateImportButton()
{
    int checked = 0;
    for (int i = 0; i < m_preview->topLevelItemCount(); ++i)
        checked += m_preview->topLevelItem(i)->checkState(0) == Qt::Checked ? 1 : 0;
    m_importButton->setEnabled(checked > 0);
    m_importButton->setText(checked > 0 ? tr("&Import %n Profile(s)", nullptr, checked)
                                        : tr("&Import"));
}

void ImportDialog::updatePreview()
{
    QSignalBlocker blocker(m_preview);
    QList<bool> checked;
    for (int i = 0; i < m_preview->topLevelItemCount(); ++i)
        checked << (m_preview->topLevelItem(i)->checkState(0) == Qt::Checked);
    const bool sameRows = m_result && checked.size() == m_result->profiles.size();
    m_preview->clear();
    m_unmapped->clear();

    m_errorLabel->setText(m_error);
    m_errorLabel->setVisible(!m_error.isEmpty());

    if (m_result) {
        const QString environment = overrideEnvironment();
        for (qsizetype i = 0; i < m_result->profiles.size(); ++i) {
            const ImportedProfile& imported = m_result->profiles.at(i);
            Profile profile = imported.profile;
            if (!environment.isEmpty())
                profile.environment = environment;
            auto* item = new QTreeWidgetItem(m_preview);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(0, !sameRows || checked.value(i) ? Qt::Checked : Qt::Unchecked);
            item->setText(0, profile.name);
            item->setText(1, EnvironmentStyle::displayName(profile.environment));
            item->setIcon(1, EnvironmentStyle::swatchIcon(
                                 EnvironmentPolicies().forEnvironment(profile.environment)));
            item->setText(2, exportUrl(profile)); // never holds a password
            item->setText(3, describeTls(profile));
            QStringList secrets;
            if (!imported.password.isEmpty())
                secrets << tr("password → keychain");
            else if (profile.password.source == SecretRef::Source::Env)
                secrets << tr("password from $%1").arg(profile.password.variable);
            else if (profile.password.source == SecretRef::Source::Prompt)
                secrets << tr("password asked each session");
            if (!imported.keyPassphrase.isEmpty())
                secrets << tr("key passphrase → keychain");
            for (const EmbeddedFile& file : imported.embeddedFiles)
                secrets << (file.kind == EmbeddedFile::Kind::ClientKey
                                ? tr("embedded key → file")
                                : tr("embedded certificate → file"));
            item->setText(4, secrets.isEmpty() ? tr("none") : secrets.join(QStringLiteral(", ")));
            QStringList tip{profile.name, exportUrl(profile)};
            tip << imported.notes;
            item->setToolTip(0, tip.join(QLatin1Char('\n')));
        }
        for (const QString& warning : std::as_const(m_result->warnings)) {
            auto* item =
                new QListWidgetItem(SeverityStyle::icon(Severity::Medium), warning, m_unmapped);
            item->setToolTip(warning);
        }
        for (const ImportedProfile& imported : std::as_const(m_result->profiles))
            for (const QString& note : imported.notes) {
                const QString text = tr("Profile \"%1\": %2").arg(imported.profile.name, note);
                auto* item =
                    new QListWidgetItem(SeverityStyle::icon(Severity::Info), text, m_unmapped);
                item->setToolTip(text);
            }
        const int count = int(m_result->profiles.size());
        m_summary->setText(tr("%n profile(s) read as %1.", nullptr, count)
                               .arg(importFormatTitle(m_result->format)));
    } else if (m_error.isEmpty()) {
        m_summary->setText(tr("Paste connection strings above or choose a file."));
    } else {
        m_summary->setText(tr("Nothing to import."));
    }
    if (m_unmapped->count() == 0 && m_result) {
        auto* item = new QListWidgetItem(SeverityStyle::okIcon(),
                                         tr("Everything in the input was mapped."), m_unmapped);
        item->setFlags(Qt::ItemIsEnabled);
    }
    blocker.unblock();
    updateImportButton();
    Q_EMIT previewChanged();
}

QList<Profile> ImportDialog::profiles() const
{
    QList<Profile> profiles;
    if (!m_result)
        return profiles;
    const QString environment = overrideEnvironment();
    for (qsizetype i = 0; i < m_result->profiles.size(); ++i) {
        const QTreeWidgetItem* item = m_preview->topLevelItem(int(i));
        if (item && item->checkState(0) != Qt::Checked)
            continue;
        const ImportedProfile& imported = m_result->profiles.at(i);
        Profile profile = imported.profile;
        if (!environment.isEmpty())
            profile.environment = environment;
        if (!imported.password.isEmpty())
            profile.password = SecretRef::keychain();
        if (!imported.keyPassphrase.isEmpty())
            profile.tls.keyPassphrase = SecretRef::keychain();
        profiles << profile;
    }
    return profiles;
}

QList<ImportedSecret> ImportDialog::secrets() const
{
    QList<ImportedSecret> secrets;
    if (!m_result)
        return secrets;
    for (qsizetype i = 0; i < m_result->profiles.size(); ++i) {
        const QTreeWidgetItem* item = m_preview->topLevelItem(int(i));
        if (item && item->checkState(0) != Qt::Checked)
            continue;
        const ImportedProfile& imported = m_result->profiles.at(i);
        if (!imported.password.isEmpty())
            secrets << ImportedSecret{imported.profile.id, SecretResolver::passwordField(),
                                      imported.password};
        if (!imported.keyPassphrase.isEmpty())
            secrets << ImportedSecret{imported.profile.id, SecretResolver::keyPassphraseField(),
                                      imported.keyPassphrase};
    }
    return secrets;
}

QStringList ImportDialog::unmapped() const
{
    return m_result ? m_result->warnings : QStringList();
}

void ImportDialog::accept()
{
    if (!m_result || profiles().isEmpty())
        return;
    bool embedded = false;
    for (const ImportedProfile& imported : std::as_const(m_result->profiles))
        embedded = embedded || !imported.embeddedFiles.isEmpty();
    if (embedded) {
        auto written = saveEmbeddedFiles(*m_result, m_embeddedDirectory);
        if (!written) {
            m_error = tr("The certificates embedded in the export could not be saved: %1")
                          .arg(written.error().message);
            updatePreview();
            return;
        }
    }
    QDialog::accept();
}

} // namespace rediscope
