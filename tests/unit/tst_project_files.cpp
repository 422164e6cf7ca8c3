// SPDX-License-Identifier: GPL-3.0-or-later
// Filare's kinds of YAML file: the pure rules (roles, folder picks) as tables, and the check
// script on real files with the real interpreter.
#include "core/tools/project_check.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace fperf;

Q_DECLARE_METATYPE(fperf::YamlFileCheck)

namespace {
YamlFileCheck file(const QString &path, FilareFileKind kind, bool connections = false,
                   const QString &detail = {})
{
    YamlFileCheck c;
    c.path = path;
    c.kind = kind;
    c.hasConnections = connections;
    c.detail = detail;
    return c;
}

void write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}
} // namespace

class ProjectFilesTest : public QObject
{
    Q_OBJECT
private slots:
    void roles_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<YamlFileCheck>("check");
        QTest::addColumn<bool>("otherHarnesses");
        QTest::addColumn<QString>("message"); // fragment; empty: fits
        const auto P = int(FileRole::Project), M = int(FileRole::Metadata),
                   C = int(FileRole::Components);
        const auto harness = file("h.yml", FilareFileKind::Harness, true);
        const auto metadata = file("m.yml", FilareFileKind::Metadata, false, "metadata");
        const auto templates = file("c.yml", FilareFileKind::Components, false, "cables");
        const auto other = file("o.yml", FilareFileKind::Other, false, "services");
        QTest::newRow("harness as project") << P << harness << false << "";
        QTest::newRow("metadata as project")
            << P << metadata << true << "pass it with --metadata m.yml";
        QTest::newRow("templates beside harnesses")
            << P << templates << true << "pass it with --components c.yml";
        QTest::newRow("a drawing without connections, alone") << P << templates << false << "";
        QTest::newRow("other as project") << P << other << false << "not a Filare harness";
        QTest::newRow("metadata as metadata") << M << metadata << false << "";
        QTest::newRow("harness as metadata") << M << harness << false << "give it as a project";
        QTest::newRow("templates as metadata") << M << templates << false << "--components c.yml";
        QTest::newRow("other as metadata") << M << other << false << "no metadata, options";
        QTest::newRow("templates as components") << C << templates << false << "";
        QTest::newRow("anchors only as components") << C << other << false << "";
        QTest::newRow("harness as components") << C << harness << false << "it has connections";
        QTest::newRow("metadata as components") << C << metadata << false << "--metadata m.yml";
        YamlFileCheck broken = harness;
        broken.problem = "yaml";
        broken.detail = "mapping values are not allowed here at line 3, column 7";
        QTest::newRow("bad YAML as metadata")
            << M << broken << false << "metadata file h.yml is not valid YAML (mapping";
    }
    void roles()
    {
        QFETCH(int, role);
        QFETCH(YamlFileCheck, check);
        QFETCH(bool, otherHarnesses);
        QFETCH(QString, message);
        const QString got = fileKindProblem(FileRole(role), check, otherHarnesses);
        if (message.isEmpty())
            QCOMPARE(got, QString());
        else
            QVERIFY2(got.contains(message), qPrintable(got));
    }

    void folderPicks()
    {
        const QList<YamlFileCheck> checks{
            file("/p/sheet10.yml", FilareFileKind::Harness, true),
            file("/p/sheet2.yml", FilareFileKind::Harness, true),
            file("/p/meta.yml", FilareFileKind::Metadata),
            file("/p/parts.yml", FilareFileKind::Components),
            file("/p/compose.yml", FilareFileKind::Other, false, "services"),
        };
        const ProjectFolderPick pick = pickProjectFiles("/p", checks, "/p/filare-perf.env");
        QVERIFY(pick.ok());
        QCOMPARE(pick.harnesses, (QStringList{"/p/sheet2.yml", "/p/sheet10.yml"}));
        QCOMPARE(pick.metadata, QStringList{"/p/meta.yml"});
        QCOMPARE(pick.components, QStringList{"/p/parts.yml"});
        QCOMPARE(pick.settingsFile, QStringLiteral("/p/filare-perf.env"));
        QCOMPARE(pick.skipped.size(), 1);
        QVERIFY(pick.skipped.first().startsWith("compose.yml: not a Filare file"));

        // Without connections anywhere, a file of connectors is a drawing.
        const ProjectFolderPick drawing =
            pickProjectFiles("/d", {file("/d/x.yml", FilareFileKind::Components)}, {});
        QCOMPARE(drawing.harnesses, QStringList{"/d/x.yml"});
        QVERIFY(drawing.components.isEmpty());

        const ProjectFolderPick empty =
            pickProjectFiles("/e", {file("/e/m.yml", FilareFileKind::Metadata)}, {});
        QVERIFY(!empty.ok());
        QVERIFY(empty.problem.contains("no Filare harness file"));
    }

    void missingMetadataIsWarned()
    {
        const QList<YamlFileCheck> bare{file("a.yml", FilareFileKind::Harness, true)};
        QVERIFY(!missingMetadataWarning(bare, {}, true).isEmpty());
        QVERIFY(missingMetadataWarning(bare, {"m.yml"}, true).isEmpty());
        QVERIFY(missingMetadataWarning(bare, {}, false).isEmpty()); // no title page asked
        QList<YamlFileCheck> own = bare;
        own.first().hasMetadataBlock = true;
        QVERIFY(missingMetadataWarning(own, {}, true).isEmpty());
    }

    // The script, on real files, with the interpreter of the real tools.
    void realFilesAndFolder()
    {
        QTemporaryDir dir;
        const QString d = dir.path();
        write(d + "/harness.yml", "connectors:\n  X1:\n    pincount: 2\ncables:\n  W1:\n"
                                  "    wirecount: 2\nconnections:\n  - - X1: [1-2]\n"
                                  "    - W1: [1-2]\n");
        write(d + "/meta.yml", "metadata:\n  title: T\n  pn: P\n");
        write(d + "/parts.yml", "cables:\n  TPL: &tpl\n    wirecount: 2\n");
        // Valid YAML only behind the components' anchor, as Filare joins them.
        write(d + "/uses-anchor.yml", "connectors:\n  X9:\n    pincount: 2\nconnections:\n"
                                      "  - - X9: [1-2]\nextra: *tpl\n");
        write(d + "/harness.document.yaml", "connectors: {}\nconnections: []\n");
        write(d + "/filare-perf.env", "FIL_PERF_SCALENE_MEMORY=0\n");
        const auto checks = checkYamlFiles(test::venvPython(),
                                           {d + "/harness.yml", d + "/meta.yml", d + "/parts.yml"});
        QVERIFY(checks);
        QCOMPARE(checks->at(0).kind, FilareFileKind::Harness);
        QCOMPARE(checks->at(1).kind, FilareFileKind::Metadata);
        QVERIFY(checks->at(1).hasMetadataBlock);
        QCOMPARE(checks->at(2).kind, FilareFileKind::Components);

        const ProjectFolderPick pick = scanProjectFolder(test::venvPython(), d);
        QVERIFY2(pick.ok(), qPrintable(pick.problem));
        QCOMPARE(pick.harnesses, (QStringList{d + "/harness.yml", d + "/uses-anchor.yml"}));
        QCOMPARE(pick.metadata, QStringList{d + "/meta.yml"});
        QCOMPARE(pick.components, QStringList{d + "/parts.yml"});
        QCOMPARE(pick.settingsFile, d + "/filare-perf.env");
        QVERIFY(pick.skipped.join('\n').contains("harness.document.yaml: Filare's own output"));

        // The whole check of a run: a metadata file given as a harness is named, with the fix.
        const ProjectContent content = checkProjectContent(
            test::venvPython(), {d + "/harness.yml", d + "/meta.yml"}, {}, {}, true);
        QCOMPARE(content.problems.size(), 1);
        QVERIFY(content.problems.first().contains("--metadata " + d + "/meta.yml"));
    }
};

QTEST_GUILESS_MAIN(ProjectFilesTest)
#include "tst_project_files.moc"
