#pragma once

#include <QWidget>

class QLabel;
class QStackedLayout;

namespace rediscope {

// The frame the inspection views share: either a centred empty-state message ("Connect to see
// …") or the view's content. Subclasses build their content widget once and switch between the
// two.
class InspectionPane : public QWidget
{
    Q_OBJECT

public:
    explicit InspectionPane(const QString& emptyText, QWidget* parent = nullptr);

    // The message shown while there is nothing to show (e.g. "Connecting…" while a request runs).
    void setEmptyText(const QString& text);
    QString emptyText() const;
    bool isShowingContent() const;

protected:
    void setContent(QWidget* content);
    void showContent();
    void showEmpty();
    // Back to the message the pane was made with.
    void resetEmptyText();

private:
    QStackedLayout* m_stack = nullptr;
    QLabel* m_empty = nullptr;
    QWidget* m_content = nullptr;
    QString m_defaultEmptyText;
};

} // namespace rediscope
