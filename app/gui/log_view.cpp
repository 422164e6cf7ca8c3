// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/log_view.h"

#include "ui_log_view.h"

#include <QDesktopServices>
#include <QScrollBar>
#include <QShortcut>
#include <QTextBlock>
#include <QUrl>

namespace fperf {

LogView::LogView(QWidget *parent) : QWidget(parent), m_ui(std::make_unique<Ui::LogView>())
{
    m_ui->setupUi(this);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->logText->setFont(mono);
    m_ui->logText->setMaximumBlockCount(m_maxLines);
    m_ui->logText->setPlaceholderText(tr("The log of the run appears here as it is printed."));
    // Colours from the palette so dark themes stay readable.
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    m_outFormat.setForeground(palette().color(QPalette::Text));
    m_errFormat.setForeground(dark ? QColor(255, 140, 120) : QColor(170, 30, 0));
    m_noteFormat.setForeground(dark ? QColor(130, 180, 255) : QColor(0, 70, 160));
    m_noteFormat.setFontItalic(true);

    m_ui->capLabel->setVisible(false);
    m_ui->logFileLabel->setVisible(false);
    connect(m_ui->logFileLabel, &QLabel::linkActivated, this,
            [](const QString &link) { QDesktopServices::openUrl(QUrl(link)); });
    connect(m_ui->capLabel, &QLabel::linkActivated, this,
            [](const QString &link) { QDesktopServices::openUrl(QUrl(link)); });
    connect(m_ui->findNextButton, &QToolButton::clicked, this, [this] { find(false); });
    connect(m_ui->findPrevButton, &QToolButton::clicked, this, [this] { find(true); });
    connect(m_ui->findEdit, &QLineEdit::returnPressed, this,
            [this] { find(QGuiApplication::keyboardModifiers() & Qt::ShiftModifier); });
    connect(m_ui->autoScrollCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_ui->logText->verticalScrollBar()->setValue(
                m_ui->logText->verticalScrollBar()->maximum());
    });
    // Lines go in by small batches on a timer: the window stays responsive however fast a run
    // prints, and what cannot be shown in time is dropped (the log file keeps everything).
    m_flushTimer.setInterval(25);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { insertPending(kLinesPerBatch); });
}

LogView::~LogView() = default;

void LogView::setMaxLines(int lines)
{
    m_maxLines = lines;
    m_ui->logText->setMaximumBlockCount(lines);
}

int LogView::lineCount() const
{
    return m_ui->logText->blockCount();
}

QString LogView::text() const
{
    return m_ui->logText->toPlainText();
}

void LogView::clear()
{
    m_pending.clear();
    m_flushTimer.stop();
    m_received = 0;
    m_ui->logText->clear();
    updateCapLabel();
}

void LogView::setLogFile(const QString &path)
{
    m_logFile = path;
    m_ui->logFileLabel->setText(
        path.isEmpty() ? QString()
                       : tr("Full log: <a href=\"%1\">%2</a>")
                             .arg(QUrl::fromLocalFile(path).toString(), path.toHtmlEscaped()));
    m_ui->logFileLabel->setVisible(!path.isEmpty());
    updateCapLabel();
}

void LogView::appendLine(OutputStream stream, const QString &text)
{
    enqueue(stream == OutputStream::Stderr ? LineKind::Stderr : LineKind::Stdout, text);
}

void LogView::appendNote(const QString &text)
{
    enqueue(LineKind::Note, text);
}

void LogView::enqueue(LineKind kind, const QString &text)
{
    ++m_received;
    m_pending.push_back({kind, text});
    // Lines the view could not keep anyway are dropped before they cost anything.
    while (qsizetype(m_pending.size()) > m_maxLines)
        m_pending.pop_front();
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LogView::flush()
{
    insertPending(m_pending.size());
}

void LogView::insertPending(std::size_t count)
{
    if (m_pending.empty()) {
        m_flushTimer.stop();
        updateCapLabel();
        return;
    }
    count = std::min(count, m_pending.size());
    QTextCursor cursor(m_ui->logText->document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    bool first = m_ui->logText->document()->isEmpty();
    for (std::size_t i = 0; i < count; ++i) {
        const Pending &p = m_pending.front();
        if (!first)
            cursor.insertBlock();
        first = false;
        cursor.insertText(p.text, p.kind == LineKind::Stderr
                                      ? m_errFormat
                                      : (p.kind == LineKind::Note ? m_noteFormat : m_outFormat));
        m_pending.pop_front();
    }
    cursor.endEditBlock();
    if (m_ui->autoScrollCheck->isChecked())
        m_ui->logText->verticalScrollBar()->setValue(m_ui->logText->verticalScrollBar()->maximum());
    updateCapLabel();
}

void LogView::updateCapLabel()
{
    const bool capped = isCapped();
    m_ui->capLabel->setVisible(capped);
    if (capped) {
        // Whole sentences, so that a translation can order them as its language needs.
        const QString text =
            m_logFile.isEmpty()
                ? tr("Showing the last %L1 of %L2 lines.").arg(m_maxLines).arg(m_received)
                : tr("Showing the last %L1 of %L2 lines. The full log is in <a "
                     "href=\"%3\">%4</a>.")
                      .arg(m_maxLines)
                      .arg(m_received)
                      .arg(QUrl::fromLocalFile(m_logFile).toString(), m_logFile.toHtmlEscaped());
        m_ui->capLabel->setText(text);
    }
}

void LogView::focusFind()
{
    m_ui->findEdit->setFocus(Qt::ShortcutFocusReason);
    m_ui->findEdit->selectAll();
}

void LogView::find(bool backwards)
{
    const QString needle = m_ui->findEdit->text();
    if (needle.isEmpty())
        return;
    QTextDocument::FindFlags flags;
    if (backwards)
        flags |= QTextDocument::FindBackward;
    if (!m_ui->logText->find(needle, flags)) {
        // Wrap around once.
        QTextCursor c = m_ui->logText->textCursor();
        c.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
        m_ui->logText->setTextCursor(c);
        if (m_ui->logText->find(needle, flags))
            m_ui->autoScrollCheck->setChecked(false); // stay where the match is
    } else {
        m_ui->autoScrollCheck->setChecked(false);
    }
}

} // namespace fperf
