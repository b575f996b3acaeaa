<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>OutcomeText</name>
    <message numerus="yes">
        <source>Removed all %n account(s).</source>
        <translation>
            <numerusform>Removed the %n account.</numerusform>
            <numerusform>Removed all %n accounts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Enabled %n account(s).</source>
        <translation>
            <numerusform>Enabled %n account.</numerusform>
            <numerusform>Enabled %n accounts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Disabled %n account(s).</source>
        <translation>
            <numerusform>Disabled %n account.</numerusform>
            <numerusform>Disabled %n accounts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cleared the stored rate limits of %n account(s).</source>
        <translation>
            <numerusform>Cleared the stored rate limits of %n account.</numerusform>
            <numerusform>Cleared the stored rate limits of %n accounts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n account(s) to %1.</source>
        <translation>
            <numerusform>Exported %n account to %1.</numerusform>
            <numerusform>Exported %n accounts to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n account(s) into the keychain.</source>
        <translation>
            <numerusform>Moved %n account into the keychain.</numerusform>
            <numerusform>Moved %n accounts into the keychain.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n account(s) out of the keychain into the account file.</source>
        <translation>
            <numerusform>Moved %n account out of the keychain into the account file.</numerusform>
            <numerusform>Moved %n accounts out of the keychain into the account file.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cma::ui::AccountsWindow</name>
    <message numerus="yes">
        <source>&lt;p&gt;%n accounts selected.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;%n account selected.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;%n accounts selected.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n account(s) from the pool?</source>
        <translation>
            <numerusform>Remove %n account from the pool?</numerusform>
            <numerusform>Remove %n accounts from the pool?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This deletes all %n account(s) of this pool and their saved secrets.
Type DELETE to confirm.</source>
        <translation>
            <numerusform>This deletes the %n account of this pool and its saved secrets.
Type DELETE to confirm.</numerusform>
            <numerusform>This deletes all %n accounts of this pool and their saved secrets.
Type DELETE to confirm.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cma::ui::SettingsWindow</name>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cma::ui::WelcomeDialog</name>
    <message numerus="yes">
        <source>Found %n account(s) in %1; they are ready to use.</source>
        <translation>
            <numerusform>Found %n account in %1; it is ready to use.</numerusform>
            <numerusform>Found %n accounts in %1; they are ready to use.</numerusform>
        </translation>
    </message>
</context>
</TS>
