// Packaging: the .desktop file and the AppStream metainfo pass their validators (also with the
// screenshots listed), `cmake --install` puts every file in its freedesktop.org place, and CPack
// builds a .deb with those files, computed library dependencies and the declared relations.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

const QString AppId = QStringLiteral("io.rediscope.Rediscope");

QString sourcePath(const QString& relative)
{
    return QStringLiteral(REDISCOPE_SOURCE_DIR "/") + relative;
}

struct Run
{
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString& program, const QStringList& arguments, int timeoutMs = 120000,
        const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return Run{process.exitStatus() == QProcess::NormalExit, process.exitCode(),
               process.readAllStandardOutput(), process.readAllStandardError()};
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// appstreamcli's findings, one per line ("E: id:line: tag …"), other than the pedantic note on
// the upper-case letters of the reverse-DNS id (kept: it is the application's identity).
QStringList appstreamIssues(const QByteArray& output)
{
    QStringList issues;
    for (const QByteArray& line : output.split('\n')) {
        const QString text = QString::fromUtf8(line);
        if (text.size() > 2 && text.at(1) == QLatin1Char(':') && text.at(0).isUpper() &&
            !text.contains(QLatin1String("cid-contains-uppercase-letter")))
            issues << text;
    }
    return issues;
}

// The text of every <tag> element in an XML document.
QStringList elementTexts(const QByteArray& xml, const QString& tag)
{
    QStringList texts;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == tag)
            texts << reader.readElementText(QXmlStreamReader::IncludeChildElements);
    }
    return reader.hasError() ? QStringList{QStringLiteral("XML error: ") + reader.errorString()}
                             : texts;
}

QString requireTool(const QString& name)
{
    return QStandardPaths::findExecutable(name);
}

} // namespace

class TestPackaging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void desktopFileValidates();
    void metainfoValidates();
    void metainfoWithScreenshotsValidates();
    void iconIsScalable();
    void installPutsEveryFileInPlace();
    void debianPackage();
};

void TestPackaging::desktopFileValidates()
{
    const QString validator = requireTool(QStringLiteral("desktop-file-validate"));
    if (validator.isEmpty())
        QSKIP("desktop-file-validate is not installed (apt-get install desktop-file-utils, in "
              "scripts/install-deps.sh).");
    const QString path =
        sourcePath(QStringLiteral("resources/") + AppId + QStringLiteral(".desktop"));
    const Run result = run(validator, {path});
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, result.out.constData());
    // Not even a hint (several main categories, and the like).
    QVERIFY2(result.out.trimmed().isEmpty() && result.err.trimmed().isEmpty(),
             QByteArray(result.out + result.err).constData());

    const QByteArray desktop = readFile(path);
    QVERIFY(desktop.contains("\nExec=rediscope\n"));
    QVERIFY(desktop.contains(QByteArray("\nIcon=" + AppId.toLatin1() + "\n")));
    QVERIFY(desktop.contains("\nType=Application\n"));
}

void TestPackaging::metainfoValidates()
{
    const QString appstreamcli = requireTool(QStringLiteral("appstreamcli"));
    if (appstreamcli.isEmpty())
        QSKIP("appstreamcli is not installed (apt-get install appstream, in "
              "scripts/install-deps.sh).");
    const QString path =
        sourcePath(QStringLiteral("resources/") + AppId + QStringLiteral(".metainfo.xml"));
    const Run result = run(appstreamcli, {QStringLiteral("validate"), QStringLiteral("--no-net"),
                                          QStringLiteral("--pedantic"), path});
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, QByteArray(result.out + result.err).constData());
    const QStringList issues = appstreamIssues(QByteArray(result.out + result.err));
    QVERIFY2(issues.isEmpty(), qPrintable(issues.join(QLatin1Char('\n'))));

    const QByteArray xml = readFile(path);
    QCOMPARE(elementTexts(xml, QStringLiteral("id")), QStringList{AppId});
    QCOMPARE(elementTexts(xml, QStringLiteral("launchable")),
             QStringList{AppId + QStringLiteral(".desktop")});
    QCOMPARE(elementTexts(xml, QStringLiteral("binary")), QStringList{QStringLiteral("rediscope")});
    QVERIFY(xml.contains("<content_rating type=\"oars-1.1\""));
    QVERIFY(xml.contains("<release version=\"" REDISCOPE_VERSION "\""));
    QVERIFY(!elementTexts(xml, QStringLiteral("description")).value(0).trimmed().isEmpty());
}

void TestPackaging::metainfoWithScreenshotsValidates()
{
    const QString appstreamcli = requireTool(QStringLiteral("appstreamcli"));
    if (appstreamcli.isEmpty())
        QSKIP("appstreamcli is not installed (apt-get install appstream).");
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString output = scratch.filePath(AppId + QStringLiteral(".metainfo.xml"));
    const Run generated =
        run(QStringLiteral(REDISCOPE_CMAKE),
            {QStringLiteral("-DINPUT=") +
                 sourcePath(QStringLiteral("resources/") + AppId + QStringLiteral(".metainfo.xml")),
             QStringLiteral("-DOUTPUT=") + output,
             QStringLiteral("-DHOMEPAGE_URL=https://rediscope.example/"),
             QStringLiteral("-DSCREENSHOTS_URL=https://rediscope.example/docs/screenshots"),
             QStringLiteral("-P"), sourcePath(QStringLiteral("cmake/RediscopeMetainfo.cmake"))});
    QVERIFY2(generated.finished && generated.exitCode == 0, generated.err.constData());

    const Run result = run(appstreamcli, {QStringLiteral("validate"), QStringLiteral("--no-net"),
                                          QStringLiteral("--pedantic"), output});
    QVERIFY2(result.exitCode == 0, QByteArray(result.out + result.err).constData());
    const QStringList issues = appstreamIssues(QByteArray(result.out + result.err));
    QVERIFY2(issues.isEmpty(), qPrintable(issues.join(QLatin1Char('\n'))));

    // Each screenshot is one of docs/screenshots, the first the default.
    const QByteArray xml = readFile(output);
    const QStringList images = elementTexts(xml, QStringLiteral("image"));
    QCOMPARE(images.size(), 5);
    for (const QString& image : images) {
        const QString name = image.section(QLatin1Char('/'), -1);
        QVERIFY2(QFileInfo::exists(sourcePath(QStringLiteral("docs/screenshots/") + name)),
                 qPrintable(image));
    }
    QCOMPARE(xml.count("<screenshot type=\"default\">"), 1);
    QCOMPARE(elementTexts(xml, QStringLiteral("url")),
             QStringList{QStringLiteral("https://rediscope.example/")});
}

void TestPackaging::iconIsScalable()
{
    const QByteArray svg = readFile(sourcePath(QStringLiteral("resources/rediscope.svg")));
    QXmlStreamReader reader(svg);
    bool root = false;
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && !root) {
            root = true;
            QCOMPARE(reader.name(), QStringLiteral("svg"));
            QCOMPARE(reader.namespaceUri(), QStringLiteral("http://www.w3.org/2000/svg"));
            QCOMPARE(reader.attributes().value(QStringLiteral("viewBox")),
                     QStringLiteral("0 0 128 128"));
        }
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QVERIFY(root);
}

void TestPackaging::installPutsEveryFileInPlace()
{
    QTemporaryDir prefix;
    QVERIFY(prefix.isValid());
    const Run install = run(QStringLiteral(REDISCOPE_CMAKE),
                            {QStringLiteral("--install"), QStringLiteral(REDISCOPE_BUILD_DIR),
                             QStringLiteral("--prefix"), prefix.path()});
    QVERIFY(install.finished);
    QVERIFY2(install.exitCode == 0, QByteArray(install.out + install.err).constData());

    const QString binary = prefix.filePath(QStringLiteral("bin/rediscope"));
    QVERIFY(QFileInfo(binary).isExecutable());
    const Run version = run(binary, {QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out.trimmed(), QByteArray("rediscope " REDISCOPE_VERSION));

    // The installed command finds the installed desktop app (libexec, out of PATH) and hands it
    // its options: the desktop app's own complaint about an unknown one proves it started.
    QProcessEnvironment display = QProcessEnvironment::systemEnvironment();
    display.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const Run gui = run(binary, {QStringLiteral("--frobnicate")}, 120000, display);
    QCOMPARE(gui.exitCode, 2);
    QVERIFY2(gui.err.contains("unknown option \"--frobnicate\" for the desktop app"),
             gui.err.constData());
    // The installed command loads the installed keychain module: with no Secret Service to
    // reach, the refusal is the keychain's (libsecret could not connect), not a missing module.
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    QProcessEnvironment noBus = QProcessEnvironment::systemEnvironment();
    noBus.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                 QStringLiteral("unix:path=") + scratch.filePath(QStringLiteral("no-bus")));
    const Run keychain =
        run(binary,
            {QStringLiteral("profiles"), QStringLiteral("add"),
             QStringLiteral("rediss://u:installed-secret@db.example:6380"),
             QStringLiteral("--profiles"), scratch.filePath(QStringLiteral("profiles.json"))},
            120000, noBus);
    QCOMPARE(keychain.exitCode, 1);
    QVERIFY2(keychain.err.contains("No keychain is available"), keychain.err.constData());
    QVERIFY2(!keychain.err.contains("module"), keychain.err.constData());
    QVERIFY(!keychain.err.contains("installed-secret"));

    // Without the desktop app, the command says what is missing instead of failing obscurely.
    const QString desktopApp = prefix.filePath(QStringLiteral(REDISCOPE_DESKTOP_INSTALLED));
    QVERIFY(QFileInfo(desktopApp).isExecutable());
    QVERIFY(QFile::rename(desktopApp, desktopApp + QStringLiteral(".moved")));
    const Run missing = run(binary, {}, 120000, display);
    QVERIFY(QFile::rename(desktopApp + QStringLiteral(".moved"), desktopApp));
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("the desktop app (rediscope-desktop) is not installed"),
             missing.err.constData());

    const QString desktop =
        prefix.filePath(QStringLiteral("share/applications/") + AppId + QStringLiteral(".desktop"));
    QCOMPARE(readFile(desktop), readFile(sourcePath(QStringLiteral("resources/") + AppId +
                                                    QStringLiteral(".desktop"))));
    const QString icon = prefix.filePath(QStringLiteral("share/icons/hicolor/scalable/apps/") +
                                         AppId + QStringLiteral(".svg"));
    QCOMPARE(readFile(icon), readFile(sourcePath(QStringLiteral("resources/rediscope.svg"))));
    const QString metainfo = prefix.filePath(QStringLiteral("share/metainfo/") + AppId +
                                             QStringLiteral(".metainfo.xml"));
    QCOMPARE(elementTexts(readFile(metainfo), QStringLiteral("id")), QStringList{AppId});

    // Nothing else: no lab, no test programs, no static libraries.
    QStringList installed;
    QDirIterator it(prefix.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        installed << QDir(prefix.path()).relativeFilePath(it.next());
    installed.sort();
    QCOMPARE(
        installed,
        (QStringList{
            QStringLiteral("bin/rediscope"), QStringLiteral(REDISCOPE_KEYCHAIN_MODULE_INSTALLED),
            QStringLiteral(REDISCOPE_DESKTOP_INSTALLED),
            QStringLiteral("share/applications/") + AppId + QStringLiteral(".desktop"),
            QStringLiteral("share/icons/hicolor/scalable/apps/") + AppId + QStringLiteral(".svg"),
            QStringLiteral("share/metainfo/") + AppId + QStringLiteral(".metainfo.xml")}));
}

void TestPackaging::debianPackage()
{
    if (requireTool(QStringLiteral("dpkg-shlibdeps")).isEmpty() ||
        requireTool(QStringLiteral("dpkg-deb")).isEmpty())
        QSKIP("dpkg-dev is not installed (apt-get install dpkg-dev, in scripts/install-deps.sh).");
    QTemporaryDir output;
    QVERIFY(output.isValid());
    const Run cpack = run(QStringLiteral(REDISCOPE_CPACK),
                          {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                           QStringLiteral(REDISCOPE_BUILD_DIR "/CPackConfig.cmake"),
                           QStringLiteral("-B"), output.path()},
                          300000);
    QVERIFY(cpack.finished);
    QVERIFY2(cpack.exitCode == 0, QByteArray(cpack.out + cpack.err).constData());
    const QStringList packages =
        QDir(output.path()).entryList({QStringLiteral("rediscope_" REDISCOPE_VERSION "_*.deb")});
    QCOMPARE(packages.size(), 1);
    const QString deb = output.filePath(packages.first());

    const Run contents = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), deb});
    QCOMPARE(contents.exitCode, 0);
    for (const QString& file : QStringList{
             QStringLiteral("./usr/bin/rediscope"),
             QStringLiteral("./usr/" REDISCOPE_DESKTOP_INSTALLED),
             QStringLiteral("./usr/" REDISCOPE_KEYCHAIN_MODULE_INSTALLED),
             QStringLiteral("./usr/share/applications/") + AppId + QStringLiteral(".desktop"),
             QStringLiteral("./usr/share/metainfo/") + AppId + QStringLiteral(".metainfo.xml"),
             QStringLiteral("./usr/share/icons/hicolor/scalable/apps/") + AppId +
                 QStringLiteral(".svg")})
        QVERIFY2(contents.out.contains(QByteArray(" " + file.toUtf8() + "\n")), qPrintable(file));

    auto field = [&](const char* name) {
        return run(QStringLiteral("dpkg-deb"),
                   {QStringLiteral("-f"), deb, QString::fromLatin1(name)})
            .out.trimmed();
    };
    QCOMPARE(field("Package"), QByteArray("rediscope"));
    QCOMPARE(field("Version"), QByteArray(REDISCOPE_VERSION));
    QCOMPARE(field("Section"), QByteArray("net"));
    QCOMPARE(field("Recommends"), QByteArray("redis-tools, redis-server, gnome-keyring"));
    QVERIFY(field("Maintainer").contains('@'));
    const QByteArray depends = field("Depends");
    // Computed by dpkg-shlibdeps from the binary, plus libsecret (loaded at run time).
    for (const char* library : {"libqt6core6", "libqt6widgets6", "libssl3", "libhiredis",
                                "libqt6keychain1", "libsecret-1-0"})
        QVERIFY2(depends.contains(library), depends.constData());
}

QTEST_GUILESS_MAIN(TestPackaging)
#include "tst_Packaging.moc"
