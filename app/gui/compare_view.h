// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/models/diff_line_model.h"

#include <QIdentityProxyModel>
#include <QSortFilterProxyModel>
#include <QWidget>
#include <memory>

class QPlainTextEdit;
class QLineEdit;
class QTabWidget;

namespace Ui {
class CompareView;
}

class QLabel;

namespace fperf {

class FlameGraphView;

// Colours the delta columns: regressions in a warm colour, improvements in a green one,
// readable on light and dark palettes.
class ChangeColourProxy : public QIdentityProxyModel
{
    Q_OBJECT
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    void setDark(bool dark) { m_dark = dark; }
    QVariant data(const QModelIndex &index, int role) const override;

private:
    bool m_dark = false;
};

// Two runs side by side: summary deltas, then every line that changed, largest change first.
class CompareView : public QWidget
{
    Q_OBJECT
public:
    explicit CompareView(QWidget *parent = nullptr);
    ~CompareView() override;

    void showDiff(const ProfileDiff &diff);
    DiffLineModel *lineModel() { return &m_lines; }
    QAbstractItemModel *shownModel() { return &m_sort; }
    QString summaryCell(int row, int column) const;
    QPlainTextEdit *openSource(const QString &file, int line);
    QString noiseStatement() const;
    enum class Page
    {
        Lines,
        FlameGraph
    };
    Q_ENUM(Page)
    void showPage(Page page);
    Page currentPage() const;
    FlameGraphView *flameView() const { return m_flame; }
    const ProfileDiff &diff() const { return m_diff; }

private:
    std::unique_ptr<Ui::CompareView> m_ui;
    QLabel *m_noiseLabel = nullptr;
    QTabWidget *m_tabs = nullptr;
    FlameGraphView *m_flame = nullptr;
    QLabel *m_flameInfo = nullptr;
    QLineEdit *m_flameSearch = nullptr;
    ProfileDiff m_diff; // the flame graph view points into it
    DiffLineModel m_lines;
    ChangeColourProxy m_colours;
    QSortFilterProxyModel m_sort;
};

} // namespace fperf
