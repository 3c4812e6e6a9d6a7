#include "ProfilePane.h"

#include "models/ProfileFilterProxyModel.h"
#include "models/ProfileTreeModel.h"
#include "style/EnvironmentStyle.h"

#include <QAction>
#include <QDataStream>
#include <QHeaderView>
#include <QIODevice>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>
#include <functional>

namespace rediscope {

namespace {

constexpr quint32 StateMagic = 0x52505031; // "RPP1"
constexpr qint32 StateVersion = 1;

} // namespace

ProfilePane::ProfilePane(QWidget* parent)
    : QWidget(parent)
    , m_model(new ProfileTreeModel(this))
    , m_filter(new ProfileFilterProxyModel(this))
{
    setObjectName(QStringLiteral("profilePane"));
    m_filter->setSourceModel(m_model);

    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("profileFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter by name, service, host or tag"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setToolTip(
        tr("Every word must match the profile's name, service, host or a tag.\n"
           "Limit a word to one field with name:, service:, host:, tag: or env:."));
    m_filterEdit->installEventFilter(this);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("profileView"));
    m_view->setModel(m_filter);
    m_view->setHeaderHidden(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(true);
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAccessibleName(tr("Profiles"));
    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ProfileTreeModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ProfileTreeModel::GradeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ProfileTreeModel::SeverityColumn, QHeaderView::ResizeToContents);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("profilePlaceholder"));
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setContentsMargins(8, 8, 8, 8);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_placeholder);

    addProfileAction(Action::Connect, tr("&Connect"), {}, &ProfilePane::connectRequested);
    addProfileAction(Action::Audit, tr("&Audit"), {}, &ProfilePane::auditRequested);
    addProfileAction(Action::Edit, tr("&Edit…"), QKeySequence(Qt::Key_F2),
                     &ProfilePane::editRequested);
    addProfileAction(Action::Duplicate, tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D),
                     &ProfilePane::duplicateRequested);
    addProfileAction(Action::ExportUrl, tr("Export as &URL"), {}, &ProfilePane::exportUrlRequested);
    addProfileAction(Action::ExportRedisCli, tr("Export as &redis-cli Command"), {},
                     &ProfilePane::exportRedisCliRequested);
    addProfileAction(Action::ClientSnippet, tr("Client &Snippet…"), {},
                     &ProfilePane::clientSnippetRequested);
    addProfileAction(Action::Delete, tr("&Delete…"), QKeySequence(QKeySequence::Delete),
                     &ProfilePane::deleteRequested);
    m_actions.value(int(Action::Connect))
        ->setIcon(QIcon::fromTheme(QStringLiteral("network-connect")));
    m_actions.value(int(Action::Edit))->setIcon(QIcon::fromTheme(QStringLiteral("document-edit")));
    m_actions.value(int(Action::Duplicate))->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    m_actions.value(int(Action::Delete))->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));

    auto* focusFilter = new QAction(tr("&Filter Profiles"), this);
    focusFilter->setShortcut(QKeySequence::Find);
    focusFilter->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(focusFilter, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    addAction(focusFilter);
    m_actions.insert(int(Action::FocusFilter), focusFilter);

    connect(m_model, &ProfileTreeModel::environmentChangeRequested, this,
            &ProfilePane::environmentChangeRequested);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &ProfilePane::onFilterChanged);
    connect(m_view, &QTreeView::expanded, this, [this](const QModelIndex& index) {
        if (!m_applyingExpansion && !m_filter->isFiltering())
            m_collapsed.remove(index.data(ProfileTreeModel::NodeKeyRole).toString());
    });
    connect(m_view, &QTreeView::collapsed, this, [this](const QModelIndex& index) {
        if (!m_applyingExpansion && !m_filter->isFiltering())
            m_collapsed.insert(index.data(ProfileTreeModel::NodeKeyRole).toString());
    });
    // New environments and services appear expanded unless the user collapsed them before.
    connect(m_filter, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex& insertedUnder, int first, int last) {
                const bool filtering = m_filter->isFiltering();
                for (int row = first; row <= last; ++row) {
                    const QModelIndex index = m_filter->index(row, 0, insertedUnder);
                    if (m_model->nodeType(m_filter->mapToSource(index)) ==
                        ProfileTreeModel::NodeType::Profile)
                        continue;
                    const QString key = index.data(ProfileTreeModel::NodeKeyRole).toString();
                    m_applyingExpansion = true;
                    m_view->setExpanded(index, filtering || !m_collapsed.contains(key));
                    m_applyingExpansion = false;
                    applyExpansion(index);
                }
                updatePlaceholder();
            });
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &ProfilePane::updatePlaceholder);
    connect(m_filter, &QAbstractItemModel::modelReset, this, [this] {
        applyExpansion();
        updatePlaceholder();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ProfilePane::onCurrentChanged);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const auto profile = m_model->profileForIndex(m_filter->mapToSource(index));
        if (profile)
            Q_EMIT connectRequested(profile->id);
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, &ProfilePane::showContextMenu);

    setFocusProxy(m_view);
    applyExpansion();
    updateActions();
    updatePlaceholder();
}

ProfilePane::~ProfilePane() = default;

QAction* ProfilePane::addProfileAction(Action which, const QString& text,
                                       const QKeySequence& shortcut,
                                       void (ProfilePane::*signal)(const QUuid&))
{
    auto* action = new QAction(text, this);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, [this, signal] {
        const QUuid id = currentProfileId();
        if (!id.isNull())
            Q_EMIT(this->*signal)(id);
    });
    addAction(action);
    m_actions.insert(int(which), action);
    return action;
}

QAction* ProfilePane::action(Action which) const
{
    return m_actions.value(int(which));
}

void ProfilePane::setProfiles(const QList<Profile>& profiles)
{
    QUuid keep = currentProfileId();
    if (keep.isNull())
        keep = m_pendingSelection;
    // Rows move, disappear and come back while the model updates: report the outcome once.
    const QSignalBlocker blocker(m_view->selectionModel());
    m_model->setProfiles(profiles);
    if (!keep.isNull() && currentProfileId() != keep) {
        if (m_model->indexForProfileId(keep).isValid()) {
            selectProfile(keep);
            if (keep == m_pendingSelection)
                m_pendingSelection = QUuid();
        }
    } else if (keep == m_pendingSelection) {
        m_pendingSelection = QUuid();
    }
    m_view->viewport()->update();
    onCurrentChanged();
    updatePlaceholder();
}

void ProfilePane::setPolicies(const EnvironmentPolicies& policies)
{
    m_model->setPolicies(policies);
}

void ProfilePane::setAuditSummary(const QUuid& profileId, const QString& grade,
                                  std::optional<Severity> worst)
{
    m_model->setAuditSummary(profileId, grade, worst);
}

QUuid ProfilePane::currentProfileId() const
{
    const auto profile = currentProfile();
    return profile ? profile->id : QUuid();
}

std::optional<Profile> ProfilePane::currentProfile() const
{
    return m_model->profileForIndex(m_filter->mapToSource(m_view->currentIndex()));
}

bool ProfilePane::selectProfile(const QUuid& id)
{
    const QModelIndex source = m_model->indexForProfileId(id);
    if (!source.isValid())
        return false;
    QModelIndex index = m_filter->mapFromSource(source);
    if (!index.isValid()) {
        m_filterEdit->clear();
        index = m_filter->mapFromSource(source);
    }
    if (!index.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

bool ProfilePane::isCollapsedByUser(const QString& environment, const QString& service) const
{
    return m_collapsed.contains(service.isNull() ? environment
                                                 : environment + QLatin1Char('/') + service);
}

QByteArray ProfilePane::saveState() const
{
    QByteArray bytes;
    QDataStream stream(&bytes, QIODevice::WriteOnly);
    QStringList collapsed(m_collapsed.cbegin(), m_collapsed.cend());
    collapsed.sort();
    stream << StateMagic << StateVersion << collapsed << currentProfileId();
    return bytes;
}

bool ProfilePane::restoreState(const QByteArray& state)
{
    QDataStream stream(state);
    quint32 magic = 0;
    qint32 version = 0;
    QStringList collapsed;
    QUuid current;
    stream >> magic >> version;
    if (stream.status() != QDataStream::Ok || magic != StateMagic || version != StateVersion)
        return false;
    stream >> collapsed >> current;
    if (stream.status() != QDataStream::Ok)
        return false;
    m_collapsed = QSet<QString>(collapsed.cbegin(), collapsed.cend());
    applyExpansion();
    if (!current.isNull() && !selectProfile(current))
        m_pendingSelection = current;
    return true;
}

void ProfilePane::applyExpansion(const QModelIndex& parent)
{
    const bool filtering = m_filter->isFiltering();
    m_applyingExpansion = true;
    for (int row = 0; row < m_filter->rowCount(parent); ++row) {
        const QModelIndex index = m_filter->index(row, 0, parent);
        const auto type = m_model->nodeType(m_filter->mapToSource(index));
        if (type == ProfileTreeModel::NodeType::Profile)
            continue;
        const QString key = index.data(ProfileTreeModel::NodeKeyRole).toString();
        m_view->setExpanded(index, filtering || !m_collapsed.contains(key));
        applyExpansion(index);
    }
    m_applyingExpansion = false;
}

void ProfilePane::onFilterChanged(const QString& text)
{
    const QUuid keep = currentProfileId();
    m_filter->setFilterText(text);
    applyExpansion();
    if (!keep.isNull()) {
        const QModelIndex index = m_filter->mapFromSource(m_model->indexForProfileId(keep));
        if (index.isValid())
            m_view->scrollTo(index);
    }
    updatePlaceholder();
}

void ProfilePane::onCurrentChanged()
{
    updateActions();
    const QUuid current = currentProfileId();
    if (current == m_lastCurrent)
        return;
    m_lastCurrent = current;
    Q_EMIT currentProfileChanged(current);
}

void ProfilePane::updateActions()
{
    const bool haveProfile = !currentProfileId().isNull();
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it)
        if (it.key() != int(Action::FocusFilter))
            it.value()->setEnabled(haveProfile);
}

void ProfilePane::updatePlaceholder()
{
    QString text;
    if (m_model->profiles().isEmpty())
        text = tr("No profiles yet. Create one with New Profile, or import connections from a "
                  "URL, a redis-cli command line or another tool.");
    else if (m_filter->isFiltering() && m_filter->rowCount() == 0)
        text = tr("No profile matches \"%1\".").arg(m_filter->filterText().trimmed());
    m_placeholder->setText(text);
    m_placeholder->setVisible(!text.isEmpty());
}

QMenu* ProfilePane::createContextMenu(const QModelIndex& viewIndex, QWidget* parent)
{
    auto* menu = new QMenu(parent);
    const QModelIndex source = m_filter->mapToSource(viewIndex);
    if (!source.isValid())
        return menu;
    const auto type = m_model->nodeType(source);
    if (type == ProfileTreeModel::NodeType::Profile) {
        menu->addAction(action(Action::Connect));
        menu->addAction(action(Action::Audit));
        menu->addSeparator();
        menu->addAction(action(Action::Edit));
        menu->addAction(action(Action::Duplicate));
        menu->addSeparator();
        menu->addAction(action(Action::ExportUrl));
        menu->addAction(action(Action::ExportRedisCli));
        menu->addAction(action(Action::ClientSnippet));
        menu->addSeparator();
        menu->addAction(action(Action::Delete));
        return menu;
    }
    const QString environment = source.data(ProfileTreeModel::EnvironmentRole).toString();
    const QString service = type == ProfileTreeModel::NodeType::Service
                                ? source.data(ProfileTreeModel::ServiceRole).toString()
                                : QString();
    const QString where =
        service.isEmpty() ? EnvironmentStyle::displayName(environment)
                          : tr("%1 / %2").arg(EnvironmentStyle::displayName(environment), service);
    QAction* create = menu->addAction(tr("&New Profile in %1…").arg(where));
    create->setIcon(QIcon::fromTheme(QStringLiteral("document-new")));
    connect(create, &QAction::triggered, this,
            [this, environment, service] { Q_EMIT newProfileRequested(environment, service); });
    menu->addSeparator();
    connect(menu->addAction(tr("E&xpand All")), &QAction::triggered, this,
            [this] { m_view->expandAll(); });
    connect(menu->addAction(tr("C&ollapse All")), &QAction::triggered, this,
            [this] { m_view->collapseAll(); });
    return menu;
}

void ProfilePane::showContextMenu(const QPoint& position)
{
    QModelIndex index = m_view->indexAt(position);
    if (!index.isValid())
        index = m_view->currentIndex();
    if (!index.isValid())
        return;
    if (index.siblingAtColumn(0) != m_view->currentIndex().siblingAtColumn(0))
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
    QMenu* menu = createContextMenu(index, this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

void ProfilePane::focusFirstMatch()
{
    std::function<QModelIndex(const QModelIndex&)> first = [&](const QModelIndex& parent) {
        for (int row = 0; row < m_filter->rowCount(parent); ++row) {
            const QModelIndex index = m_filter->index(row, 0, parent);
            if (m_model->nodeType(m_filter->mapToSource(index)) ==
                ProfileTreeModel::NodeType::Profile)
                return index;
            if (const QModelIndex found = first(index); found.isValid())
                return found;
        }
        return QModelIndex();
    };
    // The current profile if the filter still shows it, else the first match.
    const QModelIndex current = m_view->currentIndex();
    const bool currentIsProfile =
        current.isValid() &&
        m_model->nodeType(m_filter->mapToSource(current)) == ProfileTreeModel::NodeType::Profile;
    const QModelIndex target = currentIsProfile ? current : first(QModelIndex());
    if (target.isValid())
        m_view->selectionModel()->setCurrentIndex(target, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
    m_view->setFocus(Qt::TabFocusReason);
}

bool ProfilePane::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_filterEdit && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
        case Qt::Key_Down:
        case Qt::Key_Return:
        case Qt::Key_Enter:
            focusFirstMatch();
            return true;
        case Qt::Key_Escape:
            if (!m_filterEdit->text().isEmpty())
                m_filterEdit->clear();
            else
                m_view->setFocus(Qt::OtherFocusReason);
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace rediscope
