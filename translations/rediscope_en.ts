<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>rediscope::CertificateChainModel</name>
    <message numerus="yes">
        <source>Not yet valid (starts in %n day(s))</source>
        <translation>
            <numerusform>Not yet valid (starts in %n day)</numerusform>
            <numerusform>Not yet valid (starts in %n days)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expired %n day(s) ago</source>
        <translation>
            <numerusform>Expired %n day ago</numerusform>
            <numerusform>Expired %n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Valid, %n day(s) left</source>
        <translation>
            <numerusform>Valid, %n day left</numerusform>
            <numerusform>Valid, %n days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bit(s)</source>
        <translation>
            <numerusform>%n bit</numerusform>
            <numerusform>%n bits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rediscope::CertificatesView</name>
    <message numerus="yes">
        <source>As sent by the server (%n certificate(s))</source>
        <translation>
            <numerusform>As sent by the server (%n certificate)</numerusform>
            <numerusform>As sent by the server (%n certificates)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>As verified, leaf → trust anchor (%n certificate(s))</source>
        <translation>
            <numerusform>As verified, leaf → trust anchor (%n certificate)</numerusform>
            <numerusform>As verified, leaf → trust anchor (%n certificates)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rediscope::DevPkiWizard</name>
    <message numerus="yes">
        <source> day(s)</source>
        <translation>
            <numerusform> day</numerusform>
            <numerusform> days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rediscope::EnvironmentMatrixModel</name>
    <message numerus="yes">
        <source>leaf expired %n day(s) ago</source>
        <translation>
            <numerusform>leaf expired %n day ago</numerusform>
            <numerusform>leaf expired %n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>leaf expires in %n day(s)</source>
        <translation>
            <numerusform>leaf expires in %n day</numerusform>
            <numerusform>leaf expires in %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rediscope::ExportDialog</name>
    <message numerus="yes">
        <source>All %n profiles</source>
        <translation>
            <numerusform>The %n profile</numerusform>
            <numerusform>All %n profiles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rediscope::ImportDialog</name>
    <message numerus="yes">
        <source>&amp;Import %n Profile(s)</source>
        <translation>
            <numerusform>&amp;Import %n Profile</numerusform>
            <numerusform>&amp;Import %n Profiles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n profile(s) read as %1.</source>
        <translation>
            <numerusform>%n profile read as %1.</numerusform>
            <numerusform>%n profiles read as %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rediscope::MainWindow</name>
    <message numerus="yes">
        <source>Audited %1: %n finding(s).</source>
        <translation>
            <numerusform>Audited %1: %n finding.</numerusform>
            <numerusform>Audited %1: %n findings.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audited %1: grade %2, %n finding(s)%3.</source>
        <translation>
            <numerusform>Audited %1: grade %2, %n finding%3.</numerusform>
            <numerusform>Audited %1: grade %2, %n findings%3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Auditing %n profile(s)…</source>
        <translation>
            <numerusform>Auditing %n profile…</numerusform>
            <numerusform>Auditing %n profiles…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audited %n profile(s).</source>
        <translation>
            <numerusform>Audited %n profile.</numerusform>
            <numerusform>Audited %n profiles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n profile(s).</source>
        <translation>
            <numerusform>Imported %n profile.</numerusform>
            <numerusform>Imported %n profiles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved the report of %n audit(s) to %1.</source>
        <translation>
            <numerusform>Saved the report of %n audit to %1.</numerusform>
            <numerusform>Saved the report of %n audits to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rediscope::OverviewView</name>
    <message numerus="yes">
        <source>(%n bit(s))</source>
        <translation>
            <numerusform>(%n bit)</numerusform>
            <numerusform>(%n bits)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n finding(s) (%1)…</source>
        <translation>
            <numerusform>All %n finding (%1)…</numerusform>
            <numerusform>All %n findings (%1)…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rediscope::ProfileEditorDialog</name>
    <message numerus="yes">
        <source>%n file(s) in the directory.</source>
        <translation>
            <numerusform>%n file in the directory.</numerusform>
            <numerusform>%n files in the directory.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n CA certificate(s) (PEM).</source>
        <translation>
            <numerusform>%n CA certificate (PEM).</numerusform>
            <numerusform>%n CA certificates (PEM).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s) for this profile in this environment.</source>
        <translation>
            <numerusform>%n finding for this profile in this environment.</numerusform>
            <numerusform>%n findings for this profile in this environment.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rediscope::ProfileTreeModel</name>
    <message numerus="yes">
        <source>%1 environment, %n profile(s)
%2</source>
        <translation>
            <numerusform>%1 environment, %n profile
%2</numerusform>
            <numerusform>%1 environment, %n profiles
%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Service %1 in %2, %n profile(s)</source>
        <translation>
            <numerusform>Service %1 in %2, %n profile</numerusform>
            <numerusform>Service %1 in %2, %n profiles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rediscope::ProtocolsView</name>
    <message numerus="yes">
        <source>Smallest DH group: %n bit(s)</source>
        <translation>
            <numerusform>Smallest DH group: %n bit</numerusform>
            <numerusform>Smallest DH group: %n bits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Smallest ECDHE curve: %n bit(s)</source>
        <translation>
            <numerusform>Smallest ECDHE curve: %n bit</numerusform>
            <numerusform>Smallest ECDHE curve: %n bits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n handshake(s) in %1 s</source>
        <translation>
            <numerusform>%n handshake in %1 s</numerusform>
            <numerusform>%n handshakes in %1 s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rediscope::TaskStatusWidget</name>
    <message numerus="yes">
        <source>%1 (+%n more)</source>
        <translation>
            <numerusform>%1 (+%n more)</numerusform>
            <numerusform>%1 (+%n more)</numerusform>
        </translation>
    </message>
</context>
</TS>
