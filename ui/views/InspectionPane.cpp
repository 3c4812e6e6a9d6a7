#include "InspectionPane.h"

#include <QLabel>
#include <QStackedLayout>

namespace rediscope {

InspectionPane::InspectionPane(const QString& emptyText, QWidget* parent)
    : QWidget(parent)
    , m_defaultEmptyText(emptyText)
{
    m_stack = new QStackedLayout(this);
    m_empty = new QLabel(emptyText, this);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMargin(24);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    QFont font = m_empty->font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    m_empty->setFont(font);
    m_stack->addWidget(m_empty);
}

void InspectionPane::setEmptyText(const QString& text)
{
    m_empty->setText(text);
}

QString InspectionPane::emptyText() const
{
    return m_empty->text();
}

bool InspectionPane::isShowingContent() const
{
    return m_content && m_stack->currentWidget() == m_content;
}

void InspectionPane::setContent(QWidget* content)
{
    if (m_content) {
        m_stack->removeWidget(m_content);
        delete m_content;
    }
    m_content = content;
    m_stack->addWidget(content);
}

void InspectionPane::showContent()
{
    if (m_content)
        m_stack->setCurrentWidget(m_content);
}

void InspectionPane::showEmpty()
{
    m_stack->setCurrentWidget(m_empty);
}

void InspectionPane::resetEmptyText()
{
    m_empty->setText(m_defaultEmptyText);
}

} // namespace rediscope
