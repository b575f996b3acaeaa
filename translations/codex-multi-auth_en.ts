<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
