// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/process/process_group_runner.h"

#include <QTextCharFormat>
#include <QTimer>
#include <QWidget>
#include <deque>
#include <memory>

namespace Ui {
class LogView;
}

namespace fperf {

// The live log: lines arrive in batches, stderr in its own colour, and the view keeps at most
// maxLines lines (the full log stays in LABEL.log, linked below the view).
class LogView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kDefaultMaxLines = 50000;
    static constexpr std::size_t kLinesPerBatch = 300; // keeps one batch well under 16 ms

    explicit LogView(QWidget *parent = nullptr);
    ~LogView() override;

    void setMaxLines(int lines);
    int maxLines() const { return m_maxLines; }
    int lineCount() const; // lines in the view now
    qint64 receivedLines() const { return m_received; }
    bool isCapped() const { return m_received > m_maxLines; }
    QString text() const;

public slots:
    void clear();
    void setLogFile(const QString &path);
    void appendLine(fperf::OutputStream stream, const QString &text);
    void appendNote(const QString &text); // our own lines ("$ command", outcomes)
    void focusFind();
    void flush(); // everything pending, now (tests, screenshots)

private:
    enum class LineKind
    {
        Stdout,
        Stderr,
        Note // ours: commands started, warnings
    };
    void enqueue(LineKind kind, const QString &text);
    void insertPending(std::size_t count);
    void find(bool backwards);
    void updateCapLabel();

    struct Pending
    {
        LineKind kind;
        QString text;
    };

    std::unique_ptr<Ui::LogView> m_ui;
    std::deque<Pending> m_pending;
    QTimer m_flushTimer;
    QTextCharFormat m_outFormat;
    QTextCharFormat m_errFormat;
    QTextCharFormat m_noteFormat;
    int m_maxLines = kDefaultMaxLines;
    qint64 m_received = 0;
    QString m_logFile;
};

} // namespace fperf
