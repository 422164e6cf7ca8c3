// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/run_label.h"
#include "core/launch/scalene_command_builder.h"

#include <QDir>
#include <QtTest>

using namespace fperf;

class RunLabelTest : public QObject
{
    Q_OBJECT
private slots:
    void sanitize_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "nightly-1.2_x"
                               << "nightly-1.2_x";
        QTest::newRow("slash") << "a/b"
                               << "a_b";
        QTest::newRow("parent") << "../../etc/passwd"
                                << "etc_passwd";
        QTest::newRow("dots only") << ".."
                                   << "";
        QTest::newRow("dot") << "."
                             << "";
        QTest::newRow("hidden") << ".hidden"
                                << "hidden";
        QTest::newRow("newline") << "a\nb"
                                 << "a_b";
        QTest::newRow("spaces") << "my run  2"
                                << "my_run_2";
        QTest::newRow("unicode") << "Kabelbaum-Ü1"
                                 << "Kabelbaum-_1";
        QTest::newRow("leading dash kept") << "-rf"
                                           << "-rf";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("nul") << QString("a") + QChar(0) + "b"
                             << "a_b";
        QTest::newRow("too long") << QString(300, 'x') << QString(kMaxRunLabelLength, 'x');
    }
    void sanitize()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(sanitizeRunLabel(input), expected);
    }

    void neverEscapesTheOutputFolder_data()
    {
        QTest::addColumn<QString>("input");
        for (const char *s :
             {"../x", "a/../../b", "/abs/path", "..", "...", "x/..", "~root", "a\\..\\b", " ../ "})
            QTest::newRow(s) << QString(s);
    }
    void neverEscapesTheOutputFolder()
    {
        QFETCH(QString, input);
        const QString label = sanitizeRunLabel(input);
        const RunPaths p = runPaths("/out", label);
        for (const QString &path :
             {p.record, p.log, p.json, p.html, p.text, p.filareOut, p.viewScratch}) {
            QCOMPARE(QFileInfo(QDir::cleanPath(path)).absolutePath(), QStringLiteral("/out"));
        }
    }

    void automatic()
    {
        const QDateTime when(QDate(2026, 11, 25), QTime(9, 8, 7));
        QCOMPARE(automaticRunLabel("/p/my harness.yml", when),
                 QStringLiteral("my_harness-20261125-090807"));
        QCOMPARE(automaticRunLabel("/p/..yml", when), QStringLiteral("run-20261125-090807"));
    }
};

QTEST_GUILESS_MAIN(RunLabelTest)
#include "tst_run_label.moc"
