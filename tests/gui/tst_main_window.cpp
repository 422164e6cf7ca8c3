// SPDX-License-Identifier: GPL-3.0-or-later
// The real window on the real tools: Profile, the report in the web view, Stop.
#include "core/models/profile_table_model.h"
#include "core/models/run_history_model.h"
#include "core/store/run_record_codec.h"
#include "gui/footprint_chart.h"
#include "gui/history_panel.h"
#include "gui/log_view.h"
#include "gui/main_window.h"
#include "gui/profile_view.h"
#include "gui/report_view.h"
#include "gui/settings_form_widget.h"
#include "gui_test_support.h"
#include "test_support.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUuid>
#include <QWebEnginePage>
#include <QWebEngineView>
#include <QtTest>

#include "core/store/run_record.h"

using namespace fperf;
using State = RunController::State;

namespace {
void typeInto(SettingsFormWidget *form, const QString &field, const QString &text)
{
    auto *edit = qobject_cast<QLineEdit *>(form->editor(field));
    QVERIFY(edit);
    if (!edit->isVisible())
        form->findChild<QToolButton *>("advancedToggle")->setChecked(true);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

QString innerText(ReportView *view)
{
    return evaluateInPage(*view, "document.body ? document.body.innerText : ''").toString();
}

// Saves a picture of the window for docs/ when FPERF_SCREENSHOT_DIR is set.
void screenshot(QWidget *w, const char *name)
{
    const QString dir = qEnvironmentVariable("FPERF_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(dir + "/" + name);
}

QString copySmallSample(const QTemporaryDir &dir)
{
    QDir().mkpath(dir.filePath("project"));
    const QString target = dir.filePath("project/harness.yml");
    QFile::copy(test::sampleProject("small"), target);
    return target;
}
} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT
public:
    FPERF_GUI_TEST_INIT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        qputenv("XDG_CONFIG_HOME", m_dir->filePath("config").toUtf8());
        QSettings().clear(); // test mode: a private settings file, emptied for each test
        m_marker = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_window = std::make_unique<MainWindow>();
        // Only the runs' processes carry the marker (not QtWebEngine's own helpers).
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("FPERF_TEST_MARKER", m_marker);
        m_window->settingsModel()->setEnvironment(env);
        m_window->resize(1360, 860);
        m_window->show();
        // Shortcuts (Ctrl+R) reach the active window only; under Xvfb nothing activates it.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        QCOMPARE(test::processesWithMarker(m_marker), QList<qint64>());
    }

    void profileIsDisabledWithAReason()
    {
        QVERIFY(m_window->windowTitle().contains("Filare Perf"));
        // No project: a reason, not a dead button.
        m_window->openProjects({});
        QVERIFY(!m_window->profileButton()->isEnabled());
        QVERIFY(m_window->blockReason().contains("Open a Filare project"));
        m_window->openProjects({copySmallSample(*m_dir)});
        QTRY_VERIFY_WITH_TIMEOUT(m_window->toolsReady(), 30000);
        QTRY_VERIFY(m_window->profileButton()->isEnabled());
        QVERIFY(m_window->blockReason().isEmpty());
        // Two bad fields: both marked, Profile disabled.
        typeInto(m_window->settingsForm(), "scalene.cpu_rate", "5");
        typeInto(m_window->settingsForm(), "filare.formats", "q");
        QVERIFY(m_window->settingsForm()->errorLabel("scalene.cpu_rate")->isVisible());
        QVERIFY(m_window->settingsForm()->errorLabel("filare.formats")->isVisible());
        QVERIFY(!m_window->profileButton()->isEnabled());
        QVERIFY(m_window->blockReason().contains("Fix the settings"));
        typeInto(m_window->settingsForm(), "scalene.cpu_rate", "0.01");
        typeInto(m_window->settingsForm(), "filare.formats", "");
        QTRY_VERIFY(m_window->profileButton()->isEnabled());
    }

    void interpreterWithoutScaleneDisablesProfile()
    {
        m_window->openProjects({copySmallSample(*m_dir)});
        QTRY_VERIFY_WITH_TIMEOUT(m_window->profileButton()->isEnabled(), 30000);
        // An interpreter whose Scalene is too old: the check runs again in the background.
        typeInto(m_window->settingsForm(), "python", test::oldScalenePython());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->toolsReady(), 30000);
        QVERIFY(!m_window->profileButton()->isEnabled());
        QVERIFY2(m_window->blockReason().contains("Scalene: version 1.3.12 is too old"),
                 qPrintable(m_window->blockReason()));
        QVERIFY(m_window->findChild<QLabel *>("blockReasonLabel")->text().contains("Scalene"));
    }

    void profileTheSmallSampleAndShowTheReport()
    {
        const QString project = copySmallSample(*m_dir);
        m_window->openProjects({project});
        const QString out = m_dir->filePath("reports");
        typeInto(m_window->settingsForm(), "output_dir", out);
        typeInto(m_window->settingsForm(), "run_label", "gui1");
        QTRY_VERIFY_WITH_TIMEOUT(m_window->profileButton()->isEnabled(), 30000);
        screenshot(m_window.get(), "idle.png");

        QSignalSpy states(m_window->controller(), &RunController::stateChanged);
        QTest::mouseClick(m_window->profileButton(), Qt::LeftButton);
        QCOMPARE(m_window->controller()->state(), State::Running);
        QVERIFY(!m_window->profileButton()->isEnabled());
        QVERIFY(m_window->stopButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->logView()->receivedLines() > 3, 30000);
        screenshot(m_window.get(), "running.png");
        QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->state() == State::Finished, 120000);
        QVERIFY(m_window->profileButton()->isEnabled());
        QVERIFY(!m_window->stopButton()->isEnabled());

        // The Report tab opens on the native view: Filare's own lines, the peak, the chart.
        ProfileView *profile = m_window->profileView();
        QTRY_VERIFY_WITH_TIMEOUT(profile->hasProfile(), 30000);
        QCOMPARE(profile->currentPage(), ProfileView::Page::Overview);
        QVERIFY(profile->overviewText().contains("Peak memory"));
        QVERIFY(profile->footprintChart() && profile->footprintChart()->pointCount() > 0);
        QVERIFY(profile->tableModel()->rowCount() > 0);
        // Scalene's own page is not loaded until its page is shown.
        QVERIFY(m_window->reportView()->currentUrl().isEmpty());
        QVERIFY(!m_window->reportView()->pendingUrl().isEmpty());
        QTest::qWait(300);
        screenshot(m_window.get(), "report.png");
        // Ctrl+2, Ctrl+F: the tables' search, typed into.
        QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(profile->currentPage(), ProfileView::Page::Tables);
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(profile->findChild<QLineEdit *>("profileSearch")->hasFocus());
        QVERIFY(m_window->findChild<QTabWidget *>("resultTabs")->currentWidget() !=
                m_window->logView()->parentWidget());
        profile->findChild<QCheckBox *>("filareOnlyCheck")->setChecked(true);
        QVERIFY(profile->tableModel()->rowCount() > 0);
        QVERIFY(profile->tableModel()->rowAt(0).file.contains("site-packages/filare/"));
        // Import time apart: WeasyPrint's import leads until import-time lines are hidden.
        const auto shows = [profile](const QString &source) {
            for (int r = 0; r < profile->tableModel()->rowCount(); ++r) {
                if (profile->tableModel()->rowAt(r).name == source)
                    return true;
            }
            return false;
        };
        QVERIFY(shows("from weasyprint import HTML"));
        profile->findChild<QCheckBox *>("hideImportTimeCheck")->setChecked(true);
        QVERIFY(!shows("from weasyprint import HTML"));
        QVERIFY(profile->tableModel()->rowCount() > 0);
        QCOMPARE(profile->tableModel()->rowAt(0).importTime, false);

        // One click away: the web view holds Scalene's report naming Filare's own files.
        profile->showPage(ProfileView::Page::ScaleneReport);
        QTRY_VERIFY_WITH_TIMEOUT(innerText(m_window->reportView()).contains("Memory usage"), 30000);
        const QString text = innerText(m_window->reportView());
        QVERIFY2(text.contains("site-packages/filare/"), qPrintable(text.left(500)));
        QVERIFY(m_window->reportView()->bannerText().contains("Memory profiling is on"));
        QTest::qWait(300);
        screenshot(m_window.get(), "scalene-report.png");

        const QJsonObject rec =
            QJsonDocument::fromJson(test::readAll(out + "/gui1-run.json").toUtf8()).object();
        QCOMPARE(rec.value("status").toString(), QStringLiteral("succeeded"));
        QCOMPARE(rec.value("settings")
                     .toObject()
                     .value("output_dir")
                     .toObject()
                     .value("source")
                     .toString(),
                 QStringLiteral("edited"));
    }

    // A project folder in the window: its files picked by content, pre-filled, profiled.
    void projectFolderIsPickedAndProfiled()
    {
        const QString project = m_dir->filePath("IR-40");
        QDir().mkpath(project);
        const QString sample = test::repoDir() + "/resources/samples/multi-sheet";
        for (const QFileInfo &f : QDir(sample).entryInfoList(QDir::Files))
            QVERIFY(QFile::copy(f.absoluteFilePath(), project + "/" + f.fileName()));
        m_window->openProjectFolder(project);
        QCOMPARE(m_window->settingsModel()->projectFiles(),
                 (QStringList{project + "/controls.yml", project + "/power.yml",
                              project + "/sensors.yml"}));
        auto *metadata = qobject_cast<QLineEdit *>(
            m_window->settingsForm()->editor(settingKey(SettingId::FilareMetadata)));
        QVERIFY(metadata);
        QCOMPARE(metadata->text(), QStringLiteral("metadata.yml"));
        QCOMPARE(
            m_window->settingsForm()->sourceLabel(settingKey(SettingId::FilareComponents))->text(),
            settingSourceLabel(SettingSource::ProjectFolder));
        QVERIFY(m_window->statusBar()->currentMessage().contains("3 harness file(s)"));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->toolsReady(), 30000);
        QTest::qWait(300); // the layout settles before the picture
        screenshot(m_window.get(), "folder.png");

        const QString out = m_dir->filePath("reports");
        typeInto(m_window->settingsForm(), "output_dir", out);
        typeInto(m_window->settingsForm(), "run_label", "folder");
        typeInto(m_window->settingsForm(), "filare.formats", "hst");
        m_window->settingsModel()->setFieldText(settingKey(SettingId::ScaleneMemory), "0");
        QTRY_VERIFY_WITH_TIMEOUT(m_window->profileButton()->isEnabled(), 30000);
        QTest::mouseClick(m_window->profileButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->state() == State::Finished, 180000);
        QString error;
        const auto rec = loadRunRecord(out + "/folder-run.json", &error);
        QVERIFY2(rec, qPrintable(error));
        QCOMPARE(rec->status, RunStatus::Succeeded);
        QCOMPARE(rec->settings.values.filare.components, QStringList{"components.yml"});
        QVERIFY(QFileInfo(out + "/folder-filare/titlepage.html").isFile());
    }

    void htmlReportRendersInTheView()
    {
        m_window->openProjects({copySmallSample(*m_dir)});
        const QString out = m_dir->filePath("reports");
        typeInto(m_window->settingsForm(), "output_dir", out);
        typeInto(m_window->settingsForm(), "run_label", "gui-html");
        m_window->settingsModel()->setFieldText("scalene.html", "1");
        m_window->settingsModel()->setFieldText("scalene.memory", "0");
        QTRY_VERIFY_WITH_TIMEOUT(m_window->profileButton()->isEnabled(), 30000);
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->state() == State::Finished, 120000);
        QCOMPARE(m_window->reportView()->pendingUrl(),
                 QUrl::fromLocalFile(out + "/gui-html-scalene.html"));
        m_window->profileView()->showPage(ProfileView::Page::ScaleneReport);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->reportView()->currentUrl(),
                                  QUrl::fromLocalFile(out + "/gui-html-scalene.html"), 30000);
        // Scalene's page builds its tables with JavaScript from the embedded profile.
        QTRY_VERIFY_WITH_TIMEOUT(innerText(m_window->reportView()).contains("filare/"), 60000);
        // It needs nothing from outside; its optional probes (a local AI server, the viewer's
        // heartbeat, a file outside the report's folder) are blocked.
        for (const QString &url : m_window->reportView()->blockedUrls())
            QVERIFY2(QUrl(url).host() == "localhost" || QUrl(url).isLocalFile(), qPrintable(url));
    }

    void stopDuringARunCancelsAndLeavesNothing()
    {
        m_window->openProjects(test::largeSample());
        typeInto(m_window->settingsForm(), "output_dir", m_dir->filePath("reports"));
        typeInto(m_window->settingsForm(), "run_label", "stopped");
        QTRY_VERIFY_WITH_TIMEOUT(m_window->profileButton()->isEnabled(), 30000);
        QTest::mouseClick(m_window->profileButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->logView()->receivedLines() > 1, 30000);
        QTest::qWait(2000);
        QVERIFY(!test::processesWithMarker(m_marker).isEmpty());
        QTest::keyClick(m_window.get(), Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->state() == State::Cancelled, 30000);
        QCOMPARE(test::processesWithMarker(m_marker), QList<qint64>());
        QVERIFY(m_window->profileButton()->isEnabled());
        QVERIFY(!m_window->stopButton()->isEnabled());
        const QJsonObject rec =
            QJsonDocument::fromJson(
                test::readAll(m_dir->filePath("reports/stopped-run.json")).toUtf8())
                .object();
        QCOMPARE(rec.value("status").toString(), QStringLiteral("cancelled"));
    }

    // A snapshot interval: the Report tab refreshes from each snapshot while the build runs,
    // marked live; Stop then keeps the last profile, said to be partial (issue 16).
    void liveProfileRefreshesAndStopKeepsIt()
    {
        m_window->openProjects(test::largeSample());
        typeInto(m_window->settingsForm(), "output_dir", m_dir->filePath("reports"));
        typeInto(m_window->settingsForm(), "run_label", "watched");
        m_window->settingsModel()->setFieldText("scalene.memory", "0");
        typeInto(m_window->settingsForm(), "scalene.profile_interval", "3");
        QTRY_VERIFY_WITH_TIMEOUT(m_window->profileButton()->isEnabled(), 30000);
        QTest::mouseClick(m_window->profileButton(), Qt::LeftButton);
        ProfileView *view = m_window->profileView();
        QTabWidget *tabs = m_window->findChild<QTabWidget *>("resultTabs");
        QVERIFY(tabs);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->liveRefreshes() >= 1, 90000);
        QVERIFY(RunController::isActive(m_window->controller()->state()));
        QVERIFY2(view->titleText().contains("live,"), qPrintable(view->titleText()));
        QVERIFY(tabs->tabText(tabs->indexOf(view->parentWidget())).contains("live"));
        // The run's Log tab is in front: the status bar says where the live profile is.
        QVERIFY2(m_window->statusBar()->currentMessage().contains("live profile of the run so far"),
                 qPrintable(m_window->statusBar()->currentMessage()));
        const double first = view->profile()->overview.elapsedSec;
        QVERIFY(view->tableModel()->rowCount() > 0);
        tabs->setCurrentWidget(view->parentWidget());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->liveRefreshes() >= 2, 90000);
        QVERIFY(RunController::isActive(m_window->controller()->state()));
        QVERIFY(view->profile()->overview.elapsedSec > first); // the run so far, grown
        screenshot(m_window.get(), "live.png");

        // A run opened from History (here this one's record, still running) stays in the
        // view: the next snapshot does not replace it.
        QSignalSpy snapshots(m_window->controller(), &RunController::profileSnapshot);
        const int refreshes = m_window->liveRefreshes();
        m_window->openRun(m_dir->filePath("reports/watched-run.json"));
        QVERIFY(!view->hasProfile() && view->titleText().isEmpty());
        QVERIFY(snapshots.wait(60000));
        QTest::qWait(500);
        QCOMPARE(m_window->liveRefreshes(), refreshes);
        QVERIFY(!view->hasProfile() && !view->isLoading());
        QVERIFY(!tabs->tabText(tabs->indexOf(view->parentWidget())).contains("live"));

        QVERIFY(m_window->stopButton()->isEnabled());
        QTest::mouseClick(m_window->stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->state() == State::Cancelled, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!view->isLoading() && view->hasProfile(), 30000);
        QVERIFY2(!view->titleText().contains("live"), qPrintable(view->titleText()));
        QVERIFY(!tabs->tabText(tabs->indexOf(view->parentWidget())).contains("live"));
        const auto record = loadRunRecord(m_dir->filePath("reports/watched-run.json"), nullptr);
        QVERIFY(record && record->status == RunStatus::Cancelled);
        QVERIFY(record->profile.usable() && record->profile.partial);
        QVERIFY2(record->warnings.join(u'\n').contains("The profile is partial"),
                 qPrintable(record->warnings.join(u'\n')));
        // History says so too.
        HistoryPanel *history = m_window->historyPanel();
        history->setFolders({m_dir->filePath("reports")});
        QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowCount() == 1, 10000);
        QCOMPARE(history->model()->index(0, RunHistoryModel::Status).data().toString(),
                 QStringLiteral("cancelled · partial profile"));
        QCOMPARE(test::processesWithMarker(m_marker), QList<qint64>());
    }

    // "In container": the image checked in the background like an interpreter, the tools
    // panel saying what runs where, and a run in the image with the report shown as usual.
    void profileInTheContainerFromTheWindow()
    {
        QProcess inspect;
        inspect.start("podman", {"inspect", "--type", "image", QString::fromLatin1(kPerfImage)});
        if (!inspect.waitForFinished(30000) || inspect.exitCode() != 0) {
            if (!qEnvironmentVariableIsEmpty("FPERF_REQUIRE_CONTAINER"))
                QFAIL("no perf image: scripts/build-perf-image");
            QSKIP("no perf image: build it with scripts/build-perf-image");
        }
        m_window->openProjects({copySmallSample(*m_dir)});
        const QString out = m_dir->filePath("reports");
        typeInto(m_window->settingsForm(), "output_dir", out);
        typeInto(m_window->settingsForm(), "run_label", "boxed");
        m_window->settingsModel()->setFieldText("scalene.memory", "0");
        QTRY_VERIFY_WITH_TIMEOUT(m_window->toolsReady(), 30000);
        auto *box = m_window->findChild<QCheckBox *>("containerCheck");
        QVERIFY(box && !box->isChecked());
        box->click();
        QCOMPARE(m_window->settingsModel()->resolved().values.container.image,
                 QString::fromLatin1(kPerfImage));
        QVERIFY(box->text().contains(QString::fromLatin1(kPerfImage)));
        QVERIFY(!m_window->toolsReady()); // checked again, in the background
        QTRY_VERIFY_WITH_TIMEOUT(m_window->toolsReady(), 60000);
        const QString tools = m_window->findChild<QLabel *>("toolsLabel")->text();
        QVERIFY2(tools.contains("Container engine") && tools.contains("in the image"),
                 qPrintable(tools));
        QTRY_VERIFY(m_window->profileButton()->isEnabled());
        screenshot(m_window.get(), "container.png");

        QTest::mouseClick(m_window->profileButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->state() == State::Finished, 120000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->profileView()->hasProfile(), 30000);
        QVERIFY(m_window->profileView()->tableModel()->rowCount() > 0);
        const auto record = loadRunRecord(out + "/boxed-run.json", nullptr);
        QVERIFY(record && record->status == RunStatus::Succeeded);
        QVERIFY(record->container && record->container->image == QString::fromLatin1(kPerfImage));

        // Off again: back to the interpreter here.
        box->click();
        QVERIFY(m_window->settingsModel()->resolved().values.container.image.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->toolsReady(), 30000);
        QVERIFY(!m_window->findChild<QLabel *>("toolsLabel")->text().contains("Container engine"));
    }

    void unwritableOutputFolderIsExplained()
    {
        m_window->openProjects({copySmallSample(*m_dir)});
        QFile file(m_dir->filePath("a-file"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        typeInto(m_window->settingsForm(), "output_dir", file.fileName());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->profileButton()->isEnabled(), 30000);
        QVERIFY(!m_window->startProfile());
        QCOMPARE(m_window->controller()->state(), State::Idle);
        QVERIFY2(m_window->startError().contains("is a file"), qPrintable(m_window->startError()));
        QVERIFY(m_window->findChild<QLabel *>("blockReasonLabel")->text().contains("is a file"));
    }

    void invalidYamlIsExplainedBeforeAnythingRuns()
    {
        const QString project = copySmallSample(*m_dir);
        m_window->openProjects({project});
        QTRY_VERIFY_WITH_TIMEOUT(m_window->profileButton()->isEnabled(), 30000);
        // Broken after it was opened: caught when Profile is pressed, nothing runs.
        QFile file(project);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("connectors: [unclosed\n");
        file.close();
        const QString out = m_dir->filePath("yaml-out");
        typeInto(m_window->settingsForm(), "output_dir", out);
        QVERIFY(!m_window->startProfile());
        QCOMPARE(m_window->controller()->state(), State::Idle);
        QVERIFY2(m_window->startError().contains("YAML"), qPrintable(m_window->startError()));
        QVERIFY2(m_window->startError().contains(QFileInfo(project).fileName()),
                 qPrintable(m_window->startError()));
        QVERIFY(!QFileInfo::exists(out)); // no record, no folder
    }

    void dropRecentAndRememberedState()
    {
        const QString project = copySmallSample(*m_dir);
        // Dropping a YAML file opens it; other files are refused.
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(project)});
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &drop);
        QCOMPARE(m_window->settingsModel()->projectFiles(), QStringList{project});
        QVERIFY(m_window->windowTitle().startsWith("harness.yml"));
        QMimeData other;
        other.setUrls({QUrl::fromLocalFile(m_dir->filePath("notes.txt"))});
        QDragEnterEvent refused(QPoint(5, 5), Qt::CopyAction, &other, Qt::LeftButton,
                                Qt::NoModifier);
        refused.setAccepted(false);
        QApplication::sendEvent(m_window.get(), &refused);
        QVERIFY(!refused.isAccepted());

        // The folder and the effective output folder are shown.
        const QString info = m_window->findChild<QLabel *>("projectInfoLabel")->text();
        QVERIFY(info.contains(m_dir->filePath("project")));
        QVERIFY(info.contains(m_dir->filePath("project/outputs/perf")));

        // It is in the recent list, and a new window opens it again with the same geometry.
        auto *recent = m_window->findChild<QComboBox *>("recentCombo");
        QVERIFY(recent->count() >= 1);
        QCOMPARE(recent->itemData(0).toStringList(), QStringList{project});
        m_window->resize(1100, 700);
        QVERIFY(m_window->close());
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QCOMPARE(m_window->settingsModel()->projectFiles(), QStringList{project});
        QCOMPARE(m_window->size(), QSize(1100, 700));
    }

    void copyCommandReproducesTheRun()
    {
        const QString project = copySmallSample(*m_dir);
        m_window->openProjects({project});
        m_window->settingsModel()->setFieldText("scalene.memory", "0");
        QTest::mouseClick(m_window->settingsForm()->findChild<QPushButton *>("copyCommandButton"),
                          Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(),
                 "FIL_PERF_SCALENE_MEMORY=0 filare-perf run " + project);
    }

    void profileOptionStartsWhenReadyAndOpenHtmlRendersFromJson()
    {
        m_window->openProjects({copySmallSample(*m_dir)});
        typeInto(m_window->settingsForm(), "output_dir", m_dir->filePath("reports"));
        typeInto(m_window->settingsForm(), "run_label", "auto");
        m_window->profileWhenReady(); // what `filare-perf FILE --profile` does
        QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->state() == State::Finished, 120000);
        // A text run: Open HTML renders Scalene's interactive page from the kept JSON.
        m_window->profileView()->showPage(ProfileView::Page::ScaleneReport);
        auto *openHtml = m_window->reportView()->findChild<QPushButton *>("openHtmlButton");
        QVERIFY(openHtml->isVisible());
        QTest::mouseClick(openHtml, Qt::LeftButton);
        const QString html = m_dir->filePath("reports/auto-scalene.html");
        QTRY_COMPARE_WITH_TIMEOUT(m_window->reportView()->currentUrl(), QUrl::fromLocalFile(html),
                                  60000);
        QVERIFY(QFileInfo(html).size() > 100000);
        QVERIFY(!QFileInfo::exists(m_dir->filePath("reports/.auto-view")));
        QVERIFY(!openHtml->isVisible());
    }

    void overheadAndProgressFromEarlierRuns()
    {
        m_window->openProjects({copySmallSample(*m_dir)});
        typeInto(m_window->settingsForm(), "output_dir", m_dir->filePath("reports"));
        m_window->settingsModel()->setFieldText("scalene.memory", "0");
        // "Measure overhead" is the baseline setting.
        auto *baseline = m_window->findChild<QCheckBox *>("baselineCheck");
        QTest::mouseClick(baseline, Qt::LeftButton, {}, QPoint(4, baseline->height() / 2));
        QVERIFY(m_window->settingsModel()->resolved().values.baseline);
        auto *progress = m_window->findChild<QProgressBar *>("progressBar");
        QTRY_VERIFY_WITH_TIMEOUT(m_window->profileButton()->isEnabled(), 30000);
        QVERIFY(m_window->startProfile());
        QCOMPARE(progress->maximum(), 0); // no earlier run: a busy indicator
        QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->state() == State::Finished, 120000);
        const RunRecord first = m_window->controller()->record();
        QVERIFY(first.overheadRatio.has_value());
        m_window->profileView()->showPage(ProfileView::Page::ScaleneReport);
        QTRY_VERIFY_WITH_TIMEOUT(
            innerText(m_window->reportView()).contains("overhead vs plain run"), 30000);
        QVERIFY(m_window->reportView()->bannerText().contains("Profiling overhead"));

        // The same project and settings again: progress is estimated from the first run.
        QVERIFY(m_window->startProfile());
        QCOMPARE(progress->maximum(), 1000);
        QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->findChild<QLabel *>("elapsedLabel")->text().contains("left") ||
                m_window->controller()->state() == State::Finished,
            20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->state() == State::Finished, 120000);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    QString m_marker;
};

QTEST_MAIN(MainWindowTest)
#include "tst_main_window.moc"
