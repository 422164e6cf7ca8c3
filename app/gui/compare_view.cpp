// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/compare_view.h"

#include "gui/flame_graph_view.h"
#include "ui_compare_view.h"

#include <QDialog>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QTabWidget>
#include <QTextBlock>
#include <QVBoxLayout>

namespace fperf {

QVariant ChangeColourProxy::data(const QModelIndex &index, int role) const
{
    // A line within noise is greyed, not hidden.
    if (role == Qt::ForegroundRole &&
        !QIdentityProxyModel::data(index, DiffLineModel::BeyondNoiseRole).toBool() &&
        index.column() != DiffLineModel::PeakDelta)
        return QColor(m_dark ? QColor(140, 140, 140) : QColor(128, 128, 128));
    if (role == Qt::ForegroundRole &&
        (index.column() == DiffLineModel::CpuDelta || index.column() == DiffLineModel::PeakDelta ||
         index.column() == DiffLineModel::SecondsDelta)) {
        const int direction =
            QIdentityProxyModel::data(index, DiffLineModel::ChangeDirectionRole).toInt();
        if (direction > 0)
            return QColor(m_dark ? QColor(255, 130, 110) : QColor(180, 30, 0));
        if (direction < 0)
            return QColor(m_dark ? QColor(120, 220, 130) : QColor(0, 120, 40));
    }
    return QIdentityProxyModel::data(index, role);
}

CompareView::CompareView(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::CompareView>())
{
    m_ui->setupUi(this);
    m_colours.setDark(palette().color(QPalette::Base).lightness() < 128);
    m_colours.setSourceModel(&m_lines);
    m_sort.setSourceModel(&m_colours);
    m_sort.setSortRole(DiffLineModel::SortRole);
    m_ui->linesTable->setModel(&m_sort);
    m_ui->linesTable->verticalHeader()->setVisible(false);
    m_ui->linesTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->summaryTable->setColumnCount(6);
    m_ui->summaryTable->setHorizontalHeaderLabels(
        {tr("Figure"), tr("A"), tr("B"), tr("Δ"), tr("Δ %"), tr("Noise")});
    // What the noise statement rests on, and how many lines changed beyond it.
    m_noiseLabel = new QLabel(this);
    m_noiseLabel->setObjectName(QStringLiteral("noiseLabel"));
    m_noiseLabel->setWordWrap(true);
    m_ui->compareLayout->insertWidget(m_ui->compareLayout->indexOf(m_ui->warningsLabel),
                                      m_noiseLabel);
    m_ui->summaryTable->verticalHeader()->setVisible(false);
    m_ui->summaryTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->warningsLabel->setVisible(false);
    // The lines, and the differential flame graph of both sides' stacks.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("compareTabs"));
    const int at = m_ui->compareLayout->indexOf(m_ui->linesTable);
    m_ui->compareLayout->removeWidget(m_ui->linesTable);
    m_tabs->addTab(m_ui->linesTable, tr("&Lines"));
    auto *flamePage = new QWidget(m_tabs);
    auto *flameLayout = new QVBoxLayout(flamePage);
    auto *controls = new QHBoxLayout;
    m_flameSearch = new QLineEdit(flamePage);
    m_flameSearch->setObjectName(QStringLiteral("compareFlameSearch"));
    m_flameSearch->setPlaceholderText(tr("Highlight frames by function or file"));
    m_flameSearch->setClearButtonEnabled(true);
    auto *reset = new QPushButton(tr("Reset Zoom"), flamePage);
    reset->setToolTip(tr("Show the whole graph again (Esc)"));
    controls->addWidget(m_flameSearch, 1);
    controls->addWidget(reset);
    flameLayout->addLayout(controls);
    m_flameInfo = new QLabel(flamePage);
    m_flameInfo->setObjectName(QStringLiteral("compareFlameInfo"));
    m_flameInfo->setWordWrap(true);
    flameLayout->addWidget(m_flameInfo);
    auto *scroll = new QScrollArea(flamePage);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_flame = new FlameGraphView(scroll);
    m_flame->setObjectName(QStringLiteral("compareFlameGraph"));
    scroll->setWidget(m_flame);
    flameLayout->addWidget(scroll, 1);
    m_tabs->addTab(flamePage, tr("&Differential flame graph"));
    m_ui->compareLayout->insertWidget(at, m_tabs, 1);
    connect(m_flameSearch, &QLineEdit::textChanged, m_flame, &FlameGraphView::setSearch);
    connect(reset, &QPushButton::clicked, m_flame, [this] { m_flame->zoomTo(0); });
    connect(m_flame, &FlameGraphView::frameActivated, this,
            [this](const QString &file, int line) { openSource(file, line); });
    connect(m_ui->linesTable, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const QModelIndex source = m_colours.mapToSource(m_sort.mapToSource(index));
        const DiffLine &l = m_lines.line(source.row());
        openSource(l.file, l.lineno);
    });
}

CompareView::~CompareView() = default;

void CompareView::showDiff(const ProfileDiff &diff)
{
    m_diff = diff;
    m_flame->setDiff(m_diff.flame.isEmpty() ? nullptr : &m_diff);
    if (m_diff.flame.isEmpty()) {
        m_flameInfo->setText(tr("Neither profile has call stacks, so there is no flame graph "
                                "to compare (Scalene writes stacks since version 1.5.20)."));
    } else {
        const DiffFrame all = m_diff.flameFrame(0);
        m_flameInfo->setText(
            tr("CPU seconds in each frame and what it called, %1. Width: A and B together. "
               "<span style='color:#c0392b'><b>Red</b></span>: slower in B, "
               "<span style='color:#2e6fbd'><b>blue</b></span>: faster, the stronger the "
               "larger the change; pale: within noise (p ≥ 1 %). Hatched: the frame ran in one "
               "side only. Stacks cover %2 s of A and %3 s of B. Click to zoom, double-click a "
               "Python frame for its source.")
                .arg(m_diff.repeated() ? tr("each side the mean of its repeats")
                                       : tr("one run each: sampling noise only"))
                .arg(all.secA, 0, 'f', 2)
                .arg(all.secB, 0, 'f', 2));
    }
    m_ui->titleLabel->setText(
        tr("<b>A</b> %1 (%2) &nbsp;→&nbsp; <b>B</b> %3 (%4)")
            .arg(diff.a.label.toHtmlEscaped(),
                 diff.a.started.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                 diff.b.label.toHtmlEscaped(),
                 diff.b.started.toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    m_ui->summaryTable->setRowCount(int(diff.summary.size()));
    const auto text = [](const std::optional<double> &v, int decimals, bool sign = false,
                         const QString &suffix = {}) {
        if (!v)
            return QStringLiteral("–");
        return (sign && *v > 0 ? QStringLiteral("+") : QString()) +
               QString::number(*v, 'f', decimals) + suffix;
    };
    for (int r = 0; r < diff.summary.size(); ++r) {
        const DiffFigure &f = diff.summary.at(r);
        const QString noise =
            !f.noise ? tr("unknown")
                     : (f.beyondNoise() ? tr("± %1, beyond noise") : tr("± %1, within noise"))
                           .arg(*f.noise, 0, 'f', f.decimals);
        const QStringList cells{diffFigureLabel(f.id),
                                text(f.a, f.decimals),
                                text(f.b, f.decimals),
                                text(f.delta(), f.decimals, true),
                                text(f.deltaPercent(), 1, true, QStringLiteral(" %")),
                                noise};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c > 0 && c < 5) // figures right, the noise verdict as text
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_ui->summaryTable->setItem(r, c, item);
        }
    }
    m_ui->summaryTable->resizeColumnsToContents();
    // Every figure in view without scrolling: compact rows, the table as tall as they are.
    QHeaderView *rows = m_ui->summaryTable->verticalHeader();
    rows->setDefaultSectionSize(fontMetrics().height() + 6);
    const int height = m_ui->summaryTable->horizontalHeader()->height() +
                       rows->defaultSectionSize() * m_ui->summaryTable->rowCount() +
                       2 * m_ui->summaryTable->frameWidth() + 2;
    m_ui->summaryTable->setMinimumHeight(qMin(height, 320));
    m_ui->summaryTable->setMaximumHeight(qMin(height, 320));
    m_noiseLabel->setText(diff.noiseStatement());
    m_ui->warningsLabel->setText(diff.warnings.join(u'\n'));
    m_ui->warningsLabel->setVisible(!diff.warnings.isEmpty());
    m_lines.setDiff(diff);
    // Keep the model's order, largest change first, until the user sorts by a column.
    m_ui->linesTable->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_sort.sort(-1);
    m_ui->linesTable->resizeColumnsToContents();
    m_ui->linesTable->setColumnWidth(
        DiffLineModel::Location, qMin(360, m_ui->linesTable->columnWidth(DiffLineModel::Location)));
}

void CompareView::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

CompareView::Page CompareView::currentPage() const
{
    return Page(m_tabs->currentIndex());
}

QString CompareView::noiseStatement() const
{
    return m_noiseLabel->text();
}

QString CompareView::summaryCell(int row, int column) const
{
    const QTableWidgetItem *item = m_ui->summaryTable->item(row, column);
    return item ? item->text() : QString();
}

QPlainTextEdit *CompareView::openSource(const QString &file, int line)
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QStringLiteral("%1:%2").arg(file).arg(line));
    dialog->resize(900, 600);
    auto *layout = new QVBoxLayout(dialog);
    auto *view = new QPlainTextEdit(dialog);
    view->setObjectName(QStringLiteral("sourceView"));
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QFile f(file);
    if (f.open(QIODevice::ReadOnly))
        view->setPlainText(QString::fromUtf8(f.readAll()));
    else
        view->setPlainText(tr("Cannot read %1: %2").arg(file, f.errorString()));
    layout->addWidget(view);
    // Put the line in view and highlight it.
    QTextCursor cursor(view->document()->findBlockByNumber(qMax(0, line - 1)));
    view->setTextCursor(cursor);
    QTextEdit::ExtraSelection highlight;
    highlight.cursor = cursor;
    highlight.format.setBackground(palette().color(QPalette::Highlight).lighter(160));
    highlight.format.setProperty(QTextFormat::FullWidthSelection, true);
    view->setExtraSelections({highlight});
    view->centerCursor();
    dialog->show();
    return view;
}

} // namespace fperf
