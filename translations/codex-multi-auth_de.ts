<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Login</name>
    <message>
        <source>That is not a sign-in redirect URL</source>
        <translation>Das ist keine Anmelde-Weiterleitungsadresse</translation>
    </message>
    <message>
        <source>the sign-in returned no ChatGPT workspace</source>
        <translation>die Anmeldung lieferte keinen ChatGPT-Arbeitsbereich</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Limit restored</source>
        <translation>Limit wieder verfügbar</translation>
    </message>
    <message>
        <source>%1: the %2 limit is back</source>
        <translation>%1: das %2-Limit ist wieder verfügbar</translation>
    </message>
    <message>
        <source>Limit reached</source>
        <translation>Limit erreicht</translation>
    </message>
    <message>
        <source>%1 reached the %2 limit — resets %3</source>
        <translation>%1 hat das %2-Limit erreicht — Zurücksetzung %3</translation>
    </message>
    <message>
        <source>Quota running low</source>
        <translation>Kontingent wird knapp</translation>
    </message>
    <message>
        <source>%1: %2% of the %3 limit left (resets %4)</source>
        <translation>%1: %2 % des %3-Limits übrig (Zurücksetzung %4)</translation>
    </message>
    <message>
        <source>All accounts exhausted</source>
        <translation>Alle Konten erschöpft</translation>
    </message>
</context>
<context>
    <name>OutcomeText</name>
    <message>
        <source>That request was not valid.</source>
        <translation>Diese Anfrage war ungültig.</translation>
    </message>
    <message>
        <source>That account is no longer in the pool.</source>
        <translation>Dieses Konto ist nicht mehr im Pool.</translation>
    </message>
    <message>
        <source>More than one account matches.</source>
        <translation>Mehr als ein Konto passt.</translation>
    </message>
    <message>
        <source>No account can be used right now.</source>
        <translation>Gerade kann kein Konto verwendet werden.</translation>
    </message>
    <message>
        <source>The keychain is unavailable; unlock it and try again.</source>
        <translation>Der Schlüsselbund ist nicht erreichbar; entsperren Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The account storage is busy; try again in a moment.</source>
        <translation>Der Kontospeicher ist belegt; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The account storage cannot be read; Settings → Advanced → Run doctor shows why.</source>
        <translation>Der Kontospeicher kann nicht gelesen werden; Einstellungen → Erweitert → Diagnose ausführen zeigt, warum.</translation>
    </message>
    <message>
        <source>The account storage was written by a newer version and is read-only here.</source>
        <translation>Der Kontospeicher wurde von einer neueren Version geschrieben und ist hier schreibgeschützt.</translation>
    </message>
    <message>
        <source>The server could not be reached.</source>
        <translation>Der Server war nicht erreichbar.</translation>
    </message>
    <message>
        <source>The sign-in was refused.</source>
        <translation>Die Anmeldung wurde abgelehnt.</translation>
    </message>
    <message>
        <source>A file could not be read or written.</source>
        <translation>Eine Datei konnte nicht gelesen oder geschrieben werden.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Codex was signed in as %1, which was not in your pool; it was added as account %2.</source>
        <translation>Codex war als %1 angemeldet, das nicht in Ihrem Pool war; es wurde als Konto %2 hinzugefügt.</translation>
    </message>
    <message>
        <source>Codex profiles %1 set their own credential store; the store then depends on the profile used.</source>
        <translation>Die Codex-Profile %1 legen einen eigenen Anmeldespeicher fest; der Speicher hängt dann vom verwendeten Profil ab.</translation>
    </message>
    <message>
        <source>The token could not be refreshed; it is still valid, so the switch went ahead.</source>
        <translation>Das Token konnte nicht erneuert werden; es ist noch gültig, deshalb wurde trotzdem gewechselt.</translation>
    </message>
    <message>
        <source>%1 is set in this environment; a Codex started with it ignores the switch.</source>
        <translation>%1 ist in dieser Umgebung gesetzt; ein damit gestartetes Codex ignoriert den Wechsel.</translation>
    </message>
    <message>
        <source>Codex now uses %1. Restart running Codex sessions to use it.</source>
        <translation>Codex verwendet jetzt %1. Starten Sie laufende Codex-Sitzungen neu, um es zu verwenden.</translation>
    </message>
    <message>
        <source>Account %1 is now selected (Codex sync is off).</source>
        <translation>Konto %1 ist jetzt ausgewählt (Codex-Synchronisierung ist aus).</translation>
    </message>
    <message>
        <source>No account can be recommended right now.</source>
        <translation>Gerade kann kein Konto empfohlen werden.</translation>
    </message>
    <message>
        <source>Codex already uses the best account, %1.</source>
        <translation>Codex verwendet bereits das beste Konto, %1.</translation>
    </message>
    <message>
        <source>Codex now uses the best account, %1.</source>
        <translation>Codex verwendet jetzt das beste Konto, %1.</translation>
    </message>
    <message>
        <source>Pin cleared (it was account %1).</source>
        <translation>Fixierung aufgehoben (es war Konto %1).</translation>
    </message>
    <message>
        <source>No pin to clear.</source>
        <translation>Keine Fixierung zum Aufheben.</translation>
    </message>
    <message>
        <source>Removed account %1: %2.</source>
        <translation>Konto %1 entfernt: %2.</translation>
    </message>
    <message>
        <source>Codex now uses account %1: %2.</source>
        <translation>Codex verwendet jetzt Konto %1: %2.</translation>
    </message>
    <message>
        <source>Codex still holds the removed account until you switch.</source>
        <translation>Codex hält das entfernte Konto, bis Sie wechseln.</translation>
    </message>
    <message numerus="yes">
        <source>Removed all %n account(s).</source>
        <translation>
            <numerusform>%n Konto entfernt.</numerusform>
            <numerusform>Alle %n Konten entfernt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Enabled %n account(s).</source>
        <translation>
            <numerusform>%n Konto aktiviert.</numerusform>
            <numerusform>%n Konten aktiviert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Disabled %n account(s).</source>
        <translation>
            <numerusform>%n Konto deaktiviert.</numerusform>
            <numerusform>%n Konten deaktiviert.</numerusform>
        </translation>
    </message>
    <message>
        <source>no tags</source>
        <translation>keine Schlagwörter</translation>
    </message>
    <message>
        <source>tags %1</source>
        <translation>Schlagwörter %1</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>drained</source>
        <translation>ausgeschöpft lassen</translation>
    </message>
    <message>
        <source>weight %1</source>
        <translation>Gewicht %1</translation>
    </message>
    <message>
        <source>note “%1”</source>
        <translation>Notiz „%1“</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>%1 now acts for the workspace %2.</source>
        <translation>%1 handelt jetzt für den Arbeitsbereich %2.</translation>
    </message>
    <message>
        <source>%1 already acts for the workspace %2.</source>
        <translation>%1 handelt bereits für den Arbeitsbereich %2.</translation>
    </message>
    <message numerus="yes">
        <source>Cleared the stored rate limits of %n account(s).</source>
        <translation>
            <numerusform>Gespeicherte Ratenlimits von %n Konto gelöscht.</numerusform>
            <numerusform>Gespeicherte Ratenlimits von %n Konten gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Removed the account from the problem list.</source>
        <translation>Das Konto wurde aus der Problemliste entfernt.</translation>
    </message>
    <message>
        <source>Tokens: %1 refreshed, %2 not needed yet, %3 failed.</source>
        <translation>Tokens: %1 erneuert, %2 noch nicht nötig, %3 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Health check: %1 available, %2 signed in only, %3 need to sign in again.</source>
        <translation>Zustandsprüfung: %1 verfügbar, %2 nur angemeldet, %3 müssen sich neu anmelden.</translation>
    </message>
    <message>
        <source>Auto-repair: %1 healthy, %2 disabled, %3 warnings, %4 skipped.</source>
        <translation>Automatische Reparatur: %1 gesund, %2 deaktiviert, %3 Warnungen, %4 übersprungen.</translation>
    </message>
    <message>
        <source>Doctor: %1 checks fine, %2 warnings, %3 errors.</source>
        <translation>Diagnose: %1 Prüfungen in Ordnung, %2 Warnungen, %3 Fehler.</translation>
    </message>
    <message>
        <source>Look at: %1.</source>
        <translation>Bitte ansehen: %1.</translation>
    </message>
    <message>
        <source>Problem accounts: %1 checked, %2 restored, %3 still flagged.</source>
        <translation>Problemkonten: %1 geprüft, %2 wiederhergestellt, %3 weiterhin markiert.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n account(s) to %1.</source>
        <translation>
            <numerusform>%n Konto nach %1 exportiert.</numerusform>
            <numerusform>%n Konten nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported %1, updated %2, skipped %3. Total: %4.</source>
        <translation>%1 importiert, %2 aktualisiert, %3 übersprungen. Insgesamt: %4.</translation>
    </message>
    <message numerus="yes">
        <source>Moved %n account(s) into the keychain.</source>
        <translation>
            <numerusform>%n Konto in den Schlüsselbund verschoben.</numerusform>
            <numerusform>%n Konten in den Schlüsselbund verschoben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n account(s) out of the keychain into the account file.</source>
        <translation>
            <numerusform>%n Konto aus dem Schlüsselbund in die Kontodatei verschoben.</numerusform>
            <numerusform>%n Konten aus dem Schlüsselbund in die Kontodatei verschoben.</numerusform>
        </translation>
    </message>
    <message>
        <source>keychain</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <source>account file</source>
        <translation>Kontodatei</translation>
    </message>
    <message>
        <source>the keychain answers</source>
        <translation>der Schlüsselbund antwortet</translation>
    </message>
    <message>
        <source>the keychain does not answer</source>
        <translation>der Schlüsselbund antwortet nicht</translation>
    </message>
    <message>
        <source>Secrets are kept in the %1 (%2): %3 in the keychain, %4 in the file, %5 missing.</source>
        <translation>Geheimnisse liegen in: %1 (%2): %3 im Schlüsselbund, %4 in der Datei, %5 fehlen.</translation>
    </message>
    <message>
        <source>Codex now keeps its sign-in in %1.</source>
        <translation>Codex bewahrt seine Anmeldung jetzt in %1 auf.</translation>
    </message>
    <message>
        <source>Codex already keeps its sign-in in %1.</source>
        <translation>Codex bewahrt seine Anmeldung bereits in %1 auf.</translation>
    </message>
    <message>
        <source>Installed the codex shim: %1.</source>
        <translation>Der codex-Shim wurde installiert: %1.</translation>
    </message>
    <message>
        <source>Put its folder ahead of the official Codex CLI on PATH to use it.</source>
        <translation>Setzen Sie seinen Ordner im PATH vor die offizielle Codex CLI, um ihn zu verwenden.</translation>
    </message>
    <message>
        <source>Removed the codex shim %1.</source>
        <translation>Der codex-Shim %1 wurde entfernt.</translation>
    </message>
    <message>
        <source>There was no codex shim to remove.</source>
        <translation>Es gab keinen codex-Shim zum Entfernen.</translation>
    </message>
    <message>
        <source>Saved the report to %1.</source>
        <translation>Der Bericht wurde in %1 gespeichert.</translation>
    </message>
    <message>
        <source>No account can be recommended: %1</source>
        <translation>Kein Konto kann empfohlen werden: %1</translation>
    </message>
    <message>
        <source>Best next account: %1 (%2).</source>
        <translation>Bestes nächstes Konto: %1 (%2).</translation>
    </message>
</context>
<context>
    <name>PoolView</name>
    <message>
        <source>The account storage is damaged: %1</source>
        <translation>Der Kontospeicher ist beschädigt: %1</translation>
    </message>
    <message>
        <source>The account storage was recovered from %1.</source>
        <translation>Der Kontospeicher wurde aus %1 wiederhergestellt.</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>belegt</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>refreshing…</source>
        <translation>wird aktualisiert…</translation>
    </message>
    <message>
        <source>resets %1</source>
        <translation>Zurücksetzung %1</translation>
    </message>
    <message>
        <source>resets in %1</source>
        <translation>Zurücksetzung in %1</translation>
    </message>
    <message>
        <source>resets %1 (in %2)</source>
        <translation>Zurücksetzung %1 (in %2)</translation>
    </message>
    <message>
        <source>5-hour window</source>
        <translation>5-Stunden-Fenster</translation>
    </message>
    <message>
        <source>Weekly window</source>
        <translation>Wochenfenster</translation>
    </message>
    <message>
        <source>%1 window</source>
        <translation>%1-Fenster</translation>
    </message>
    <message>
        <source>%1, no data</source>
        <translation>%1, keine Daten</translation>
    </message>
    <message>
        <source>%1, %2 percent left</source>
        <translation>%1, %2 Prozent übrig</translation>
    </message>
    <message>
        <source>, resets at %1</source>
        <translation>, Zurücksetzung um %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>quota-exhausted</source>
        <translation>Kontingent erschöpft</translation>
    </message>
    <message>
        <source>rate-limited</source>
        <translation>ratenbegrenzt</translation>
    </message>
    <message>
        <source>cooldown</source>
        <translation>Abkühlung</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>markiert</translation>
    </message>
    <message>
        <source>needs-login</source>
        <translation>Anmeldung nötig</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>delayed</source>
        <translation>verzögert</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message>
        <source>%1d ago</source>
        <translation>vor %1 T.</translation>
    </message>
    <message>
        <source>%1w ago</source>
        <translation>vor %1 Wo.</translation>
    </message>
    <message>
        <source>re-login needed</source>
        <translation>Neuanmeldung nötig</translation>
    </message>
    <message>
        <source>expires in %1</source>
        <translation>läuft ab in %1</translation>
    </message>
    <message>
        <source>refreshed %1</source>
        <translation>erneuert %1</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>gesund</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>recoverable</source>
        <translation>wiederherstellbar</translation>
    </message>
    <message>
        <source>corrupt</source>
        <translation>beschädigt</translation>
    </message>
    <message>
        <source>intentional-reset</source>
        <translation>absichtlich geleert</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>schreibgeschützt</translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation>Ein Konto hinzufügen</translation>
    </message>
</context>
<context>
    <name>Runway</name>
    <message>
        <source>empty until reset</source>
        <translation>leer bis zur Zurücksetzung</translation>
    </message>
    <message>
        <source>%1% in deficit</source>
        <translation>%1 % im Rückstand</translation>
    </message>
    <message>
        <source>%1% in reserve</source>
        <translation>%1 % in Reserve</translation>
    </message>
    <message>
        <source>%1 · runs out ~%2</source>
        <translation>%1 · geht aus ~%2</translation>
    </message>
    <message>
        <source>%1 · lasts until reset</source>
        <translation>%1 · reicht bis zur Zurücksetzung</translation>
    </message>
    <message>
        <source> · next account back %1</source>
        <translation> · nächstes Konto zurück %1</translation>
    </message>
    <message>
        <source>No accounts — add one</source>
        <translation>Keine Konten — füge eines hinzu</translation>
    </message>
    <message>
        <source>No usable account — re-login or enable one</source>
        <translation>Kein nutzbares Konto — neu anmelden oder eines aktivieren</translation>
    </message>
    <message>
        <source>All accounts exhausted · next ready %1 (Account %2)</source>
        <translation>Alle Konten erschöpft · nächstes bereit %1 (Konto %2)</translation>
    </message>
    <message>
        <source>%1 of %2 accounts ready</source>
        <translation>%1 von %2 Konten bereit</translation>
    </message>
    <message>
        <source>Pool runs dry ~%1 at current pace</source>
        <translation>Pool beim aktuellen Tempo erschöpft ~%1</translation>
    </message>
    <message>
        <source>Pool lasts at current pace</source>
        <translation>Pool reicht beim aktuellen Tempo</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Set by %1 = %2</source>
        <translation>Gesetzt durch %1 = %2</translation>
    </message>
</context>
<context>
    <name>Time</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
</context>
<context>
    <name>TraySnapshotBuilder</name>
    <message>
        <source>No accounts yet</source>
        <translation>Noch keine Konten</translation>
    </message>
    <message>
        <source>Add an account to start.</source>
        <translation>Füge ein Konto hinzu, um zu beginnen.</translation>
    </message>
    <message>
        <source>codex-multi-auth — no accounts</source>
        <translation>codex-multi-auth — keine Konten</translation>
    </message>
    <message>
        <source>Stale — the last reading failed</source>
        <translation>Veraltet — die letzte Abfrage schlug fehl</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>No quota data yet</source>
        <translation>Noch keine Kontingentdaten</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>re-login needed</source>
        <translation>Neuanmeldung nötig</translation>
    </message>
    <message>
        <source>keychain locked</source>
        <translation>Schlüsselbund gesperrt</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>drained</source>
        <translation>ausgeschleust</translation>
    </message>
    <message>
        <source>cooldown %1</source>
        <translation>Abkühlung %1</translation>
    </message>
    <message>
        <source>rate-limited · %1</source>
        <translation>ratenbegrenzt · %1</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>100% left (refreshing…)</source>
        <translation>100 % übrig (wird aktualisiert…)</translation>
    </message>
    <message>
        <source>%1% left</source>
        <translation>%1 % übrig</translation>
    </message>
    <message>
        <source>resets in %1</source>
        <translation>Zurücksetzung in %1</translation>
    </message>
    <message>
        <source>Account %1 (%2)</source>
        <translation>Konto %1 (%2)</translation>
    </message>
    <message>
        <source>Stale — updated %1</source>
        <translation>Veraltet — aktualisiert %1</translation>
    </message>
    <message>
        <source>exhausted · back in %1</source>
        <translation>erschöpft · zurück in %1</translation>
    </message>
</context>
<context>
    <name>cma::BrowserLogin</name>
    <message>
        <source>Another sign-in took over the login port; this one was cancelled.</source>
        <translation>Eine andere Anmeldung hat den Anmeldeport übernommen; diese wurde abgebrochen.</translation>
    </message>
    <message>
        <source>this sign-in has already finished</source>
        <translation>diese Anmeldung ist bereits beendet</translation>
    </message>
    <message>
        <source>This sign-in has already finished.</source>
        <translation>Diese Anmeldung ist bereits beendet.</translation>
    </message>
    <message>
        <source>This URL belongs to a different sign-in attempt</source>
        <translation>Diese Adresse gehört zu einem anderen Anmeldeversuch</translation>
    </message>
    <message>
        <source>The sign-in is already being completed.</source>
        <translation>Die Anmeldung wird bereits abgeschlossen.</translation>
    </message>
    <message>
        <source>Token exchange failed: %1</source>
        <translation>Token-Austausch fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>cma::CallbackServer</name>
    <message>
        <source>You do not have access to Codex</source>
        <translation>Du hast keinen Zugang zu Codex</translation>
    </message>
    <message>
        <source>Codex is not enabled for your workspace. Contact your workspace administrator to request access to Codex.</source>
        <translation>Codex ist für deinen Arbeitsbereich nicht freigeschaltet. Bitte deine Arbeitsbereich-Administration um Zugang zu Codex.</translation>
    </message>
    <message>
        <source>Sign-in could not be completed</source>
        <translation>Die Anmeldung konnte nicht abgeschlossen werden</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Port %1 on 127.0.0.1 is busy; the sign-in cannot receive its callback.</source>
        <translation>Port %1 auf 127.0.0.1 ist belegt; die Anmeldung kann ihre Rückmeldung nicht empfangen.</translation>
    </message>
    <message>
        <source>Ports 1455 and 1457 on 127.0.0.1 are busy, so the browser sign-in cannot receive its callback. Close the program using them, or sign in with a device code instead (--device-auth).</source>
        <translation>Die Ports 1455 und 1457 auf 127.0.0.1 sind belegt, daher kann die Browser-Anmeldung ihre Rückmeldung nicht empfangen. Beende das Programm, das sie belegt, oder melde dich stattdessen mit einem Gerätecode an (--device-auth).</translation>
    </message>
    <message>
        <source>Sign-in in progress</source>
        <translation>Anmeldung läuft</translation>
    </message>
    <message>
        <source>This sign-in is already being completed in another tab.</source>
        <translation>Diese Anmeldung wird bereits in einem anderen Tab abgeschlossen.</translation>
    </message>
    <message>
        <source>This sign-in attempt has ended. Start a new one from the app.</source>
        <translation>Dieser Anmeldeversuch ist beendet. Starte einen neuen aus der App.</translation>
    </message>
    <message>
        <source>Missing authorization code. Sign-in could not be completed.</source>
        <translation>Autorisierungscode fehlt. Die Anmeldung konnte nicht abgeschlossen werden.</translation>
    </message>
    <message>
        <source>Token exchange failed: %1</source>
        <translation>Token-Austausch fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Signed in to Codex Multi-Auth</source>
        <translation>Bei Codex Multi-Auth angemeldet</translation>
    </message>
    <message>
        <source>The account was added. You can close this window and return to the app.</source>
        <translation>Das Konto wurde hinzugefügt. Du kannst dieses Fenster schließen und zur App zurückkehren.</translation>
    </message>
</context>
<context>
    <name>cma::DeviceLogin</name>
    <message>
        <source>Device-code login is not enabled for this server. Use browser login.</source>
        <translation>Die Anmeldung per Gerätecode ist auf diesem Server nicht aktiviert. Nutze die Browser-Anmeldung.</translation>
    </message>
    <message>
        <source>could not reach the sign-in server: %1</source>
        <translation>der Anmeldeserver ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>device sign-in failed with status %1</source>
        <translation>Geräteanmeldung mit Status %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>the sign-in server sent an incomplete device code</source>
        <translation>der Anmeldeserver sandte einen unvollständigen Gerätecode</translation>
    </message>
    <message>
        <source>the device code expired after 15 minutes</source>
        <translation>der Gerätecode ist nach 15 Minuten abgelaufen</translation>
    </message>
    <message>
        <source>the sign-in server sent an incomplete approval</source>
        <translation>der Anmeldeserver sandte eine unvollständige Freigabe</translation>
    </message>
    <message>
        <source>Token exchange failed: %1</source>
        <translation>Token-Austausch fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>cma::ui::AccountsModel</name>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>5h</source>
        <translation>5 Std.</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt genutzt</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Status badge; hover a badge for the forecast reasons</source>
        <translation>Statusabzeichen; zeige auf ein Abzeichen für die Gründe der Vorhersage</translation>
    </message>
    <message>
        <source>workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>Stale: the reading is old or the last fetch failed</source>
        <translation>Veraltet: der Messwert ist alt oder die letzte Abfrage schlug fehl</translation>
    </message>
    <message>
        <source>Codex&apos;s current account</source>
        <translation>Aktuelles Konto von Codex</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Angeheftet</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Notiz: %1</translation>
    </message>
    <message>
        <source>Status %1</source>
        <translation>Status %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>100% (refreshing…)</source>
        <translation>100 % (wird aktualisiert…)</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>This plan has no such window</source>
        <translation>Dieser Tarif hat kein solches Zeitfenster</translation>
    </message>
</context>
<context>
    <name>cma::ui::AccountsWindow</name>
    <message>
        <source>Accounts — Codex Multi-Auth</source>
        <translation>Konten — Codex Multi-Auth</translation>
    </message>
    <message>
        <source>Search email, label, id, tag or note  ( / )</source>
        <translation>E-Mail, Bezeichnung, ID, Schlagwort oder Notiz suchen  ( / )</translation>
    </message>
    <message>
        <source>Search accounts</source>
        <translation>Konten durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>&amp;Reihenfolge:</translation>
    </message>
    <message>
        <source>Ready first</source>
        <translation>Bereite zuerst</translation>
    </message>
    <message>
        <source>Manual (drag to reorder)</source>
        <translation>Manuell (zum Umordnen ziehen)</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Reset order</source>
        <translation>Reihenfolge zurücksetzen</translation>
    </message>
    <message>
        <source>Account details</source>
        <translation>Kontodetails</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Problem accounts</source>
        <translation>Problemkonten</translation>
    </message>
    <message>
        <source>&amp;Verify and restore</source>
        <translation>Prüfen und &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>Remove from &amp;list</source>
        <translation>Aus der &amp;Liste entfernen</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>Konto &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Refresh now</source>
        <translation>Jetzt &amp;aktualisieren</translation>
    </message>
    <message>
        <source>Switch to &amp;best</source>
        <translation>Zum &amp;besten wechseln</translation>
    </message>
    <message>
        <source>&amp;Health check</source>
        <translation>&amp;Zustandsprüfung</translation>
    </message>
    <message>
        <source>Auto-re&amp;pair</source>
        <translation>Automatisch re&amp;parieren</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Weitere Aktionen</translation>
    </message>
    <message>
        <source>Refresh all &amp;tokens</source>
        <translation>Alle &amp;Tokens erneuern</translation>
    </message>
    <message>
        <source>Verify problem accounts</source>
        <translation>Problemkonten prüfen</translation>
    </message>
    <message>
        <source>Forecast and quota…</source>
        <translation>Vorhersage und Kontingent…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Delete all accounts…</source>
        <translation>Alle Konten löschen…</translation>
    </message>
    <message>
        <source>Set as &amp;current</source>
        <translation>Als &amp;aktuell festlegen</translation>
    </message>
    <message>
        <source>&amp;Unpin</source>
        <translation>Lösen (&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Check now</source>
        <translation>Jetzt &amp;prüfen</translation>
    </message>
    <message>
        <source>&amp;Refresh token</source>
        <translation>Token &amp;erneuern</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>A&amp;ktivieren</translation>
    </message>
    <message>
        <source>Resu&amp;me</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>Pau&amp;sieren</translation>
    </message>
    <message>
        <source>Undrai&amp;n</source>
        <translation>Wieder ei&amp;nschleusen</translation>
    </message>
    <message>
        <source>Drai&amp;n</source>
        <translation>Aussch&amp;leusen</translation>
    </message>
    <message>
        <source>Re-lo&amp;gin…</source>
        <translation>Neu an&amp;melden…</translation>
    </message>
    <message>
        <source>&amp;Tags and note…</source>
        <translation>Schlag&amp;wörter und Notiz…</translation>
    </message>
    <message>
        <source>Clear rate-limit &amp;marks</source>
        <translation>Ratenlimit-&amp;Markierungen löschen</translation>
    </message>
    <message>
        <source>Copy &amp;email</source>
        <translation>E-Mail &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy account &amp;id</source>
        <translation>Konto-&amp;ID kopieren</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>Verify problem accounts (%1)</source>
        <translation>Problemkonten prüfen (%1)</translation>
    </message>
    <message>
        <source>&amp;Workspace</source>
        <translation>&amp;Arbeitsbereich</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select an account to see its details.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Wähle ein Konto, um seine Details zu sehen.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;%n accounts selected.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;%n Konto ausgewählt.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;%n Konten ausgewählt.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identität</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Account id</source>
        <translation>Konto-ID</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>Arbeitsbereiche</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>Last refresh</source>
        <translation>Letzte Erneuerung</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Keychain (locked)</source>
        <translation>Schlüsselbund (gesperrt)</translation>
    </message>
    <message>
        <source>missing — sign in again</source>
        <translation>fehlt — neu anmelden</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>refresh refused %1 (%2)</source>
        <translation>Erneuerung abgelehnt %1 (%2)</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>Kontingent</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Messwert</translation>
    </message>
    <message>
        <source>%1, from %2</source>
        <translation>%1, aus %2</translation>
    </message>
    <message>
        <source>cache</source>
        <translation>Zwischenspeicher</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Verfügbarkeit</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Wartezeit</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Richtlinie</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>Drained</source>
        <translation>Ausgeschleust</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt genutzt</translation>
    </message>
    <message>
        <source>Last switch</source>
        <translation>Letzter Wechsel</translation>
    </message>
    <message>
        <source>Cooldown</source>
        <translation>Abkühlung</translation>
    </message>
    <message>
        <source>%1 left (%2)</source>
        <translation>noch %1 (%2)</translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation>Ratenlimit</translation>
    </message>
    <message>
        <source>%1: %2 left</source>
        <translation>%1: noch %2</translation>
    </message>
    <message>
        <source>Storage busy: another program holds the account file. Retrying…</source>
        <translation>Speicher belegt: ein anderes Programm hält die Kontodatei. Neuer Versuch…</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>The account file was written by a newer version of codex-multi-auth; it is read-only here.</source>
        <translation>Die Kontodatei wurde von einer neueren Version von codex-multi-auth geschrieben; hier ist sie schreibgeschützt.</translation>
    </message>
    <message>
        <source>The keychain is locked; tokens cannot be read or refreshed until it is unlocked.</source>
        <translation>Der Schlüsselbund ist gesperrt; Tokens können erst nach dem Entsperren gelesen oder erneuert werden.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Codex is signed in as %1, which is not in your pool.</source>
        <translation>Codex ist als %1 angemeldet; dieses Konto ist nicht in deinem Pool.</translation>
    </message>
    <message>
        <source>Add to pool</source>
        <translation>Zum Pool hinzufügen</translation>
    </message>
    <message>
        <source>Failed: </source>
        <translation>Fehlgeschlagen: </translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation>Zustand: %1</translation>
    </message>
    <message>
        <source>Secrets: keychain</source>
        <translation>Geheimnisse: Schlüsselbund</translation>
    </message>
    <message>
        <source>Secrets: file</source>
        <translation>Geheimnisse: Datei</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert %1</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Noch nicht gespeichert</translation>
    </message>
    <message>
        <source>Codex Multi-Auth — no accounts</source>
        <translation>Codex Multi-Auth — keine Konten</translation>
    </message>
    <message>
        <source> — %1% left</source>
        <translation> — %1 % übrig</translation>
    </message>
    <message>
        <source>%1%2 — Codex Multi-Auth</source>
        <translation>%1%2 — Codex Multi-Auth</translation>
    </message>
    <message>
        <source>Problem accounts (%1)</source>
        <translation>Problemkonten (%1)</translation>
    </message>
    <message>
        <source>Remove accounts</source>
        <translation>Konten entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n account(s) from the pool?</source>
        <translation>
            <numerusform>%n Konto aus dem Pool entfernen?</numerusform>
            <numerusform>%n Konten aus dem Pool entfernen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Also sign this login out at OpenAI</source>
        <translation>Diese Anmeldung auch bei OpenAI abmelden</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Delete all accounts</source>
        <translation>Alle Konten löschen</translation>
    </message>
    <message numerus="yes">
        <source>This deletes all %n account(s) of this pool and their saved secrets.
Type DELETE to confirm.</source>
        <translation>
            <numerusform>Dies löscht das %n Konto dieses Pools und seine gespeicherten Geheimnisse.
Tippe DELETE zur Bestätigung.</numerusform>
            <numerusform>Dies löscht alle %n Konten dieses Pools und ihre gespeicherten Geheimnisse.
Tippe DELETE zur Bestätigung.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was deleted: the confirmation did not match DELETE.</source>
        <translation>Nichts wurde gelöscht: die Bestätigung lautete nicht DELETE.</translation>
    </message>
    <message>
        <source>Tags and note — %1</source>
        <translation>Schlagwörter und Notiz — %1</translation>
    </message>
    <message>
        <source>ci, night</source>
        <translation>ci, nacht</translation>
    </message>
    <message>
        <source>&amp;Tags (comma-separated):</source>
        <translation>&amp;Schlagwörter (durch Kommas getrennt):</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation>&amp;Konten</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>Auto-&amp;repair</source>
        <translation>Automatisch &amp;reparieren</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Forecast and quota</source>
        <translation>&amp;Vorhersage und Kontingent</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>Quit codex-multi-auth?</source>
        <translation>codex-multi-auth beenden?</translation>
    </message>
    <message>
        <source>Quit codex-multi-auth? Token refresh and alerts stop while it is not running.</source>
        <translation>codex-multi-auth beenden? Token-Erneuerung und Hinweise ruhen, solange es nicht läuft.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Minimize</source>
        <translation>Minimieren</translation>
    </message>
    <message>
        <source>Don&apos;t ask again</source>
        <translation>Nicht mehr fragen</translation>
    </message>
</context>
<context>
    <name>cma::ui::Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>cma::ui::ForecastModel</name>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Verfügbarkeit</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Wartezeit</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>cma::ui::ForecastWindow</name>
    <message>
        <source>Forecast and quota — Codex Multi-Auth</source>
        <translation>Vorhersage und Kontingent — Codex Multi-Auth</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>Empfehlung</translation>
    </message>
    <message>
        <source>&amp;Switch now</source>
        <translation>Jetzt &amp;wechseln</translation>
    </message>
    <message>
        <source>Show &amp;all reasons</source>
        <translation>&amp;Alle Gründe zeigen</translation>
    </message>
    <message>
        <source>&amp;Live check</source>
        <translation>&amp;Live-Prüfung</translation>
    </message>
    <message>
        <source>Ask the usage endpoint for fresh readings (forecast --live)</source>
        <translation>Frische Messwerte beim Nutzungsendpunkt abfragen (forecast --live)</translation>
    </message>
    <message>
        <source>Runtime &amp;overlay</source>
        <translation>Laufzeit-&amp;Overlay</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>Model (advanced)</source>
        <translation>Modell (erweitert)</translation>
    </message>
    <message>
        <source>Save &amp;report…</source>
        <translation>&amp;Bericht speichern…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Forecast</source>
        <translation>&amp;Vorhersage</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Show &amp;used instead of left</source>
        <translation>&amp;Verbrauch statt Rest zeigen</translation>
    </message>
    <message>
        <source>&amp;Quota</source>
        <translation>&amp;Kontingent</translation>
    </message>
    <message>
        <source>Next 24 hours</source>
        <translation>Nächste 24 Stunden</translation>
    </message>
    <message>
        <source>Next 7 days</source>
        <translation>Nächste 7 Tage</translation>
    </message>
    <message>
        <source>Timeline span</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in Benutzung</translation>
    </message>
    <message>
        <source>usable</source>
        <translation>nutzbar</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>exhausted</source>
        <translation>erschöpft</translation>
    </message>
    <message>
        <source>The dashed line marks when the pool runs dry at the current pace.</source>
        <translation>Die gestrichelte Linie zeigt, wann der Pool beim aktuellen Tempo erschöpft ist.</translation>
    </message>
    <message>
        <source>R&amp;unway</source>
        <translation>&amp;Reichweite</translation>
    </message>
    <message>
        <source>%1 ready now | %2 waiting | %3 unavailable | %4 high risk</source>
        <translation>%1 jetzt bereit | %2 wartend | %3 nicht verfügbar | %4 hohes Risiko</translation>
    </message>
    <message>
        <source>Best next: %1 — %2</source>
        <translation>Als Nächstes am besten: %1 — %2</translation>
    </message>
    <message>
        <source>No recommendation: no account is ready.</source>
        <translation>Keine Empfehlung: kein Konto ist bereit.</translation>
    </message>
    <message>
        <source> (approximate)</source>
        <translation> (ungefähr)</translation>
    </message>
    <message>
        <source>%1: %2 %/h</source>
        <translation>%1: %2 %/h</translation>
    </message>
    <message>
        <source>measured over the last hour</source>
        <translation>gemessen über die letzte Stunde</translation>
    </message>
    <message>
        <source>window average</source>
        <translation>Fensterdurchschnitt</translation>
    </message>
    <message>
        <source>no burn rate yet</source>
        <translation>noch kein Verbrauchstempo</translation>
    </message>
    <message>
        <source>Burn rate: %1</source>
        <translation>Verbrauchstempo: %1</translation>
    </message>
    <message>
        <source>Burn rate: %1 (%2)</source>
        <translation>Verbrauchstempo: %1 (%2)</translation>
    </message>
    <message>
        <source>No accounts yet.</source>
        <translation>Noch keine Konten.</translation>
    </message>
    <message>
        <source>No data yet.</source>
        <translation>Noch keine Daten.</translation>
    </message>
    <message>
        <source>%1: no data</source>
        <translation>%1: keine Daten</translation>
    </message>
    <message>
        <source>%1: 100% left (refreshing…)</source>
        <translation>%1: 100 % übrig (wird aktualisiert…)</translation>
    </message>
    <message>
        <source>%1: %2% used, %3% left</source>
        <translation>%1: %2 % verbraucht, %3 % übrig</translation>
    </message>
    <message>
        <source>%1: %2% left, %3% used</source>
        <translation>%1: %2 % übrig, %3 % verbraucht</translation>
    </message>
    <message>
        <source>Resets %1 (in %2)</source>
        <translation>Zurücksetzung %1 (in %2)</translation>
    </message>
    <message>
        <source>usage endpoint</source>
        <translation>Nutzungsendpunkt</translation>
    </message>
    <message>
        <source>response headers</source>
        <translation>Antwort-Kopfzeilen</translation>
    </message>
    <message>
        <source>Reading from %1, %2</source>
        <translation>Messwert aus %1, %2</translation>
    </message>
    <message>
        <source>STALE</source>
        <translation>VERALTET</translation>
    </message>
    <message>
        <source>Credits: %1</source>
        <translation>Guthaben: %1</translation>
    </message>
</context>
<context>
    <name>cma::ui::LoginDialog</name>
    <message>
        <source>Add account</source>
        <translation>Konto hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Browser</source>
        <translation>&amp;Browser</translation>
    </message>
    <message>
        <source>&amp;Paste link</source>
        <translation>Adresse &amp;einfügen</translation>
    </message>
    <message>
        <source>&amp;Device code</source>
        <translation>&amp;Gerätecode</translation>
    </message>
    <message>
        <source>This sign-in can act for several workspaces. Choose the one to add:</source>
        <translation>Diese Anmeldung kann für mehrere Arbeitsbereiche handeln. Wähle den hinzuzufügenden:</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>Arbeitsbereiche</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>Ad&amp;vanced</source>
        <translation>&amp;Erweitert</translation>
    </message>
    <message>
        <source>from the sign-in</source>
        <translation>aus der Anmeldung</translation>
    </message>
    <message>
        <source>&amp;Workspace / organisation id:</source>
        <translation>&amp;Arbeitsbereichs- / Organisations-ID:</translation>
    </message>
    <message>
        <source>&amp;Make this the Codex account now</source>
        <translation>Jetzt zum &amp;Codex-Konto machen</translation>
    </message>
    <message>
        <source>Add &amp;another</source>
        <translation>&amp;Weiteres hinzufügen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Sign in with ChatGPT in your browser. The account is added when the browser comes back.</source>
        <translation>Melde dich im Browser bei ChatGPT an. Das Konto wird hinzugefügt, sobald der Browser zurückkehrt.</translation>
    </message>
    <message>
        <source>&amp;Open browser</source>
        <translation>Browser ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Waiting for the browser</source>
        <translation>Warte auf den Browser</translation>
    </message>
    <message>
        <source>Sign-in link</source>
        <translation>Anmeldeadresse</translation>
    </message>
    <message>
        <source>&amp;Copy link</source>
        <translation>Adresse &amp;kopieren</translation>
    </message>
    <message>
        <source>Open &amp;again</source>
        <translation>&amp;Erneut öffnen</translation>
    </message>
    <message>
        <source>Use a &amp;device code</source>
        <translation>&amp;Gerätecode verwenden</translation>
    </message>
    <message>
        <source>Paste the &amp;link instead</source>
        <translation>Stattdessen Adresse ein&amp;fügen</translation>
    </message>
    <message>
        <source>Open the sign-in link on any browser. When it ends on a page that does not load, copy the address from the address bar and paste it here.</source>
        <translation>Öffne die Anmeldeadresse in einem beliebigen Browser. Endet sie auf einer Seite, die nicht lädt, kopiere die Adresse aus der Adressleiste und füge sie hier ein.</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Paste the address your &amp;browser ended on:</source>
        <translation>Adresse einfügen, bei der dein &amp;Browser gelandet ist:</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>On any device, open the link below, sign in, and enter this code. Never share the code.</source>
        <translation>Öffne auf einem beliebigen Gerät die Adresse unten, melde dich an und gib diesen Code ein. Gib den Code niemals weiter.</translation>
    </message>
    <message>
        <source>Device code</source>
        <translation>Gerätecode</translation>
    </message>
    <message>
        <source>&amp;Get a new code</source>
        <translation>&amp;Neuen Code holen</translation>
    </message>
    <message>
        <source>Use &amp;browser login</source>
        <translation>&amp;Browser-Anmeldung verwenden</translation>
    </message>
    <message>
        <source>Sign in again — %1</source>
        <translation>Erneut anmelden — %1</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>The browser could not be opened. Open this link yourself:</source>
        <translation>Der Browser ließ sich nicht öffnen. Öffne diese Adresse selbst:</translation>
    </message>
    <message>
        <source>Waiting for the browser…</source>
        <translation>Warte auf den Browser…</translation>
    </message>
    <message>
        <source>No sign-in arrived within 5 minutes.</source>
        <translation>Innerhalb von 5 Minuten kam keine Anmeldung an.</translation>
    </message>
    <message>
        <source>Another sign-in took over the login port</source>
        <translation>Eine andere Anmeldung hat den Anmeldeport übernommen</translation>
    </message>
    <message>
        <source>Find the program with: netstat -ano | findstr :1455</source>
        <translation>Finde das Programm mit: netstat -ano | findstr :1455</translation>
    </message>
    <message>
        <source>Find the program with: lsof -i :1455</source>
        <translation>Finde das Programm mit: lsof -i :1455</translation>
    </message>
    <message>
        <source>Find the program with: ss -ltnp &apos;sport = :1455&apos;</source>
        <translation>Finde das Programm mit: ss -ltnp &apos;sport = :1455&apos;</translation>
    </message>
    <message>
        <source>Port 1455 and 1457 are in use by another program.</source>
        <translation>Die Ports 1455 und 1457 werden von einem anderen Programm belegt.</translation>
    </message>
    <message>
        <source>Requesting a code…</source>
        <translation>Code wird angefordert…</translation>
    </message>
    <message>
        <source>The device code expired after 15 minutes</source>
        <translation>Der Gerätecode ist nach 15 Minuten abgelaufen</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Waiting for approval… %1 left</source>
        <translation>Warte auf Freigabe… noch %1</translation>
    </message>
    <message>
        <source>Open the sign-in link first.</source>
        <translation>Öffne zuerst die Anmeldeadresse.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>A different account</source>
        <translation>Ein anderes Konto</translation>
    </message>
    <message>
        <source>You signed in as %1, not %2. Add %1 as a new account?</source>
        <translation>Du hast dich als %1 angemeldet, nicht als %2. %1 als neues Konto hinzufügen?</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(Standard)</translation>
    </message>
    <message>
        <source>The account could not be saved: %1</source>
        <translation>Das Konto konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Added account %1: %2</source>
        <translation>Konto %1 hinzugefügt: %2</translation>
    </message>
    <message>
        <source>Rebound workspace for account %1 (%2)</source>
        <translation>Arbeitsbereich für Konto %1 neu gebunden (%2)</translation>
    </message>
    <message>
        <source>Updated existing account %1 (%2)</source>
        <translation>Vorhandenes Konto %1 aktualisiert (%2)</translation>
    </message>
    <message>
        <source>Codex could not be switched to it: %1</source>
        <translation>Codex konnte nicht darauf umgestellt werden: %1</translation>
    </message>
    <message>
        <source>Codex now uses this account.</source>
        <translation>Codex verwendet jetzt dieses Konto.</translation>
    </message>
    <message>
        <source>Selected; Codex sync is off.</source>
        <translation>Ausgewählt; der Codex-Abgleich ist aus.</translation>
    </message>
    <message>
        <source>Saving the account…</source>
        <translation>Das Konto wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>cma::ui::RunwayWidget</name>
    <message>
        <source>Runway timeline</source>
        <translation>Reichweiten-Zeitleiste</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>No accounts yet</source>
        <translation>Noch keine Konten</translation>
    </message>
    <message>
        <source>No account can take part now</source>
        <translation>Derzeit kann kein Konto teilnehmen</translation>
    </message>
    <message>
        <source>dry ~%1</source>
        <translation>erschöpft ~%1</translation>
    </message>
</context>
<context>
    <name>cma::ui::SettingsWindow</name>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Codex</source>
        <translation>Codex</translation>
    </message>
    <message>
        <source>Account list</source>
        <translation>Kontenliste</translation>
    </message>
    <message>
        <source>Quota and refresh</source>
        <translation>Kontingent und Aktualisierung</translation>
    </message>
    <message>
        <source>Token refresh</source>
        <translation>Token-Erneuerung</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Color theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Security and storage</source>
        <translation>Sicherheit und Speicher</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Hide personal information (emails, account ids)</source>
        <translation>Persönliche Daten &amp;verbergen (E-Mails, Konto-IDs)</translation>
    </message>
    <message>
        <source>&amp;Write the current account into the Codex CLI</source>
        <translation>Aktuelles Konto in die Codex-CLI &amp;schreiben</translation>
    </message>
    <message>
        <source>&amp;Auto-switch when the current account runs out</source>
        <translation>&amp;Automatisch wechseln, wenn das aktuelle Konto erschöpft ist</translation>
    </message>
    <message>
        <source>Switch &amp;before it runs out</source>
        <translation>&amp;Vor der Erschöpfung wechseln</translation>
    </message>
    <message>
        <source>Minimum time between &amp;switches</source>
        <translation>Mindestabstand zwischen &amp;Wechseln</translation>
    </message>
    <message>
        <source>&amp;Sort the account list</source>
        <translation>Kontenliste &amp;sortieren</translation>
    </message>
    <message>
        <source>Sort &amp;mode</source>
        <translation>Sortier&amp;modus</translation>
    </message>
    <message>
        <source>Keep the current account on &amp;top</source>
        <translation>Aktuelles Konto &amp;oben halten</translation>
    </message>
    <message>
        <source>Quick switch follows the &amp;visible order</source>
        <translation>Schnellwechsel folgt der &amp;sichtbaren Reihenfolge</translation>
    </message>
    <message>
        <source>Show the status &amp;badge</source>
        <translation>Status&amp;abzeichen zeigen</translation>
    </message>
    <message>
        <source>Show the &amp;current marker</source>
        <translation>Markierung für das &amp;aktuelle Konto zeigen</translation>
    </message>
    <message>
        <source>Show &amp;last used</source>
        <translation>&amp;Zuletzt genutzt zeigen</translation>
    </message>
    <message>
        <source>Show the &amp;quota summary</source>
        <translation>&amp;Kontingentübersicht zeigen</translation>
    </message>
    <message>
        <source>Show quota &amp;cooldowns</source>
        <translation>Kontingent-&amp;Abkühlungen zeigen</translation>
    </message>
    <message>
        <source>Show the &amp;fetch status</source>
        <translation>&amp;Abrufstatus zeigen</translation>
    </message>
    <message>
        <source>&amp;Highlight the current row</source>
        <translation>Aktuelle Zeile &amp;hervorheben</translation>
    </message>
    <message>
        <source>&amp;Detail line on every row</source>
        <translation>&amp;Detailzeile in jeder Zeile</translation>
    </message>
    <message>
        <source>Tray row &amp;layout</source>
        <translation>Zeilen&amp;layout im Tray</translation>
    </message>
    <message>
        <source>Detail line &amp;fields (drag to reorder)</source>
        <translation>&amp;Felder der Detailzeile (zum Umordnen ziehen)</translation>
    </message>
    <message>
        <source>Forecast: per-account &amp;rows</source>
        <translation>Vorhersage: &amp;Zeilen je Konto</translation>
    </message>
    <message>
        <source>Forecast: quota &amp;details</source>
        <translation>Vorhersage: Kontingent&amp;details</translation>
    </message>
    <message>
        <source>Forecast: &amp;reasons</source>
        <translation>Vorhersage: &amp;Gründe</translation>
    </message>
    <message>
        <source>Forecast: recomme&amp;ndations</source>
        <translation>Vorhersage: Empfeh&amp;lungen</translation>
    </message>
    <message>
        <source>Forecast: live probe &amp;notes</source>
        <translation>Vorhersage: &amp;Hinweise der Live-Prüfung</translation>
    </message>
    <message>
        <source>&amp;Poll quota automatically</source>
        <translation>Kontingent automatisch &amp;abfragen</translation>
    </message>
    <message>
        <source>Polling &amp;mode</source>
        <translation>Abfrage&amp;modus</translation>
    </message>
    <message>
        <source>Fixed &amp;interval</source>
        <translation>Festes &amp;Intervall</translation>
    </message>
    <message>
        <source>&amp;Reset times</source>
        <translation>&amp;Zurücksetzungszeiten</translation>
    </message>
    <message>
        <source>Refresh tokens &amp;before they expire</source>
        <translation>Tokens &amp;vor dem Ablauf erneuern</translation>
    </message>
    <message>
        <source>Check &amp;every</source>
        <translation>&amp;Prüfen alle</translation>
    </message>
    <message>
        <source>&amp;Lead time</source>
        <translation>&amp;Vorlaufzeit</translation>
    </message>
    <message>
        <source>Keep &amp;disabled accounts signed in</source>
        <translation>&amp;Deaktivierte Konten angemeldet halten</translation>
    </message>
    <message>
        <source>&amp;Show notifications</source>
        <translation>Benachrichtigungen &amp;zeigen</translation>
    </message>
    <message>
        <source>&amp;Threshold levels (% left)</source>
        <translation>&amp;Schwellen (% übrig)</translation>
    </message>
    <message>
        <source>&amp;For</source>
        <translation>&amp;Für</translation>
    </message>
    <message>
        <source>When an account is &amp;exhausted</source>
        <translation>Wenn ein Konto &amp;erschöpft ist</translation>
    </message>
    <message>
        <source>When an account comes &amp;back</source>
        <translation>Wenn ein Konto &amp;zurückkommt</translation>
    </message>
    <message>
        <source>When an account will run out before its &amp;reset</source>
        <translation>Wenn ein Konto vor seiner &amp;Zurücksetzung ausgeht</translation>
    </message>
    <message>
        <source>When the &amp;pool runs dry</source>
        <translation>Wenn der &amp;Pool erschöpft ist</translation>
    </message>
    <message>
        <source>When the pool runway gets s&amp;hort</source>
        <translation>Wenn die Pool-Reichweite &amp;knapp wird</translation>
    </message>
    <message>
        <source>Runway &amp;warning</source>
        <translation>Reichweiten-&amp;Warnung</translation>
    </message>
    <message>
        <source>On sign-in &amp;trouble</source>
        <translation>Bei &amp;Anmeldeproblemen</translation>
    </message>
    <message>
        <source>On &amp;auto-switch</source>
        <translation>Bei automatischem &amp;Wechsel</translation>
    </message>
    <message>
        <source>Play a s&amp;ound</source>
        <translation>&amp;Ton abspielen</translation>
    </message>
    <message>
        <source>&amp;Quiet time between rate-limit alerts</source>
        <translation>&amp;Ruhezeit zwischen Ratenlimit-Hinweisen</translation>
    </message>
    <message>
        <source>Show each alert &amp;for</source>
        <translation>Jeden Hinweis &amp;zeigen für</translation>
    </message>
    <message>
        <source>&amp;Palette</source>
        <translation>&amp;Palette</translation>
    </message>
    <message>
        <source>&amp;Base colour</source>
        <translation>&amp;Grundfarbe</translation>
    </message>
    <message>
        <source>&amp;Accent</source>
        <translation>&amp;Akzent</translation>
    </message>
    <message>
        <source>Tray &amp;icon</source>
        <translation>Tray-&amp;Symbol</translation>
    </message>
    <message>
        <source>Tray icon shows &amp;used instead of left</source>
        <translation>Tray-Symbol zeigt &amp;Verbrauch statt Rest</translation>
    </message>
    <message>
        <source>&amp;Coloured tray icon</source>
        <translation>&amp;Farbiges Tray-Symbol</translation>
    </message>
    <message>
        <source>&amp;Secret storage</source>
        <translation>&amp;Geheimnisspeicher</translation>
    </message>
    <message>
        <source>Keep &amp;backups of the account file</source>
        <translation>&amp;Sicherungen der Kontodatei behalten</translation>
    </message>
    <message>
        <source>&amp;Live account sync</source>
        <translation>&amp;Live-Kontenabgleich</translation>
    </message>
    <message>
        <source>Sync &amp;debounce</source>
        <translation>Abgleich-&amp;Entprellung</translation>
    </message>
    <message>
        <source>Sync &amp;poll interval</source>
        <translation>Abgleich-&amp;Abfrageintervall</translation>
    </message>
    <message>
        <source>&amp;Near-exhaustion state</source>
        <translation>&amp;Fast-erschöpft-Zustand</translation>
    </message>
    <message>
        <source>Near exhaustion below (&amp;5h)</source>
        <translation>Fast erschöpft unter (&amp;5 Std.)</translation>
    </message>
    <message>
        <source>Near exhaustion below (&amp;7d)</source>
        <translation>Fast erschöpft unter (&amp;7 T.)</translation>
    </message>
    <message>
        <source>Log &amp;level</source>
        <translation>Protokoll&amp;stufe</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Deutsch</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>Ready first</source>
        <translation>Bereite zuerst</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Compact with details</source>
        <translation>Kompakt mit Details</translation>
    </message>
    <message>
        <source>Expanded rows</source>
        <translation>Ausführliche Zeilen</translation>
    </message>
    <message>
        <source>Adaptive</source>
        <translation>Anpassend</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Fest</translation>
    </message>
    <message>
        <source>Time and countdown</source>
        <translation>Uhrzeit und Countdown</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Countdown</source>
        <translation>Countdown</translation>
    </message>
    <message>
        <source>The current account</source>
        <translation>Das aktuelle Konto</translation>
    </message>
    <message>
        <source>Every account</source>
        <translation>Jedes Konto</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Cyan</source>
        <translation>Cyan</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Gelb</translation>
    </message>
    <message>
        <source>Two-bar meter</source>
        <translation>Zwei-Balken-Anzeige</translation>
    </message>
    <message>
        <source>Percent left</source>
        <translation>Prozent übrig</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <source>File (plaintext, 0600)</source>
        <translation>Datei (Klartext, 0600)</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt genutzt</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>High-contrast default (green)</source>
        <translation>Kontrastreicher Standard (grün)</translation>
    </message>
    <message>
        <source>Codex-style blue look</source>
        <translation>Blaues Codex-Aussehen</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Grün</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Blau</translation>
    </message>
    <message>
        <source>Settings — Codex Multi-Auth</source>
        <translation>Einstellungen — Codex Multi-Auth</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Einstellungsseiten</translation>
    </message>
    <message>
        <source>&amp;Restore defaults</source>
        <translation>&amp;Standardwerte wiederherstellen</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>for example 50, 20 (empty turns them off)</source>
        <translation>zum Beispiel 50, 20 (leer schaltet sie ab)</translation>
    </message>
    <message>
        <source>Start at &amp;login</source>
        <translation>Beim &amp;Anmelden starten</translation>
    </message>
    <message>
        <source>No system tray found.</source>
        <translation>Kein Systemabschnitt der Kontrollleiste (Tray) gefunden.</translation>
    </message>
    <message>
        <source>GNOME shows tray icons with an AppIndicator extension (for example &quot;AppIndicator and KStatusNotifierItem Support&quot;).</source>
        <translation>GNOME zeigt Tray-Symbole mit einer AppIndicator-Erweiterung (zum Beispiel „AppIndicator and KStatusNotifierItem Support“).</translation>
    </message>
    <message>
        <source>Add a system tray (notification area) to your panel to get the tray icon.</source>
        <translation>Füge deiner Leiste einen Benachrichtigungsbereich hinzu, um das Tray-Symbol zu erhalten.</translation>
    </message>
    <message>
        <source>Codex home:</source>
        <translation>Codex-Ordner:</translation>
    </message>
    <message>
        <source>Official Codex CLI:</source>
        <translation>Offizielle Codex-CLI:</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>Codex keeps its sign-in in auth.json; switching writes it there.</source>
        <translation>Codex hält seine Anmeldung in auth.json; ein Wechsel schreibt sie dorthin.</translation>
    </message>
    <message>
        <source>Codex keeps its sign-in in the keyring; switching writes it there.</source>
        <translation>Codex hält seine Anmeldung im Schlüsselbund; ein Wechsel schreibt sie dorthin.</translation>
    </message>
    <message>
        <source>Codex uses the keyring when it can, else auth.json; switching writes both.</source>
        <translation>Codex nutzt den Schlüsselbund, wenn möglich, sonst auth.json; ein Wechsel schreibt beides.</translation>
    </message>
    <message>
        <source>Codex keeps its sign-in only in memory; switching cannot reach it.</source>
        <translation>Codex hält seine Anmeldung nur im Arbeitsspeicher; ein Wechsel erreicht sie nicht.</translation>
    </message>
    <message>
        <source>Codex credential store:</source>
        <translation>Codex-Anmeldespeicher:</translation>
    </message>
    <message>
        <source>&amp;Pin Codex to file storage</source>
        <translation>Codex an Datei&amp;speicher binden</translation>
    </message>
    <message>
        <source>Install the `codex` s&amp;him</source>
        <translation>`codex`-&amp;Shim installieren</translation>
    </message>
    <message>
        <source>Remove the shim</source>
        <translation>Shim entfernen</translation>
    </message>
    <message>
        <source>Storage location:</source>
        <translation>Speicherort:</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>Ordner ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Check secret storage</source>
        <translation>Geheimnisspeicher prüfen</translation>
    </message>
    <message>
        <source>Export for the &amp;Node version…</source>
        <translation>Für die &amp;Node-Version exportieren…</translation>
    </message>
    <message>
        <source>The Node version&apos;s format holds refresh tokens in plaintext. Delete the file once the Node version has imported it.</source>
        <translation>Das Format der Node-Version enthält Erneuerungstokens im Klartext. Lösche die Datei, sobald die Node-Version sie importiert hat.</translation>
    </message>
    <message>
        <source>Run &amp;doctor</source>
        <translation>&amp;Diagnose ausführen</translation>
    </message>
    <message>
        <source>&amp;Copy debug bundle</source>
        <translation>Fehlerbericht &amp;kopieren</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>Einstellungen nicht gespeichert</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>New named &amp;backup…</source>
        <translation>Neue benannte &amp;Sicherung…</translation>
    </message>
    <message>
        <source>Named backups</source>
        <translation>Benannte Sicherungen</translation>
    </message>
    <message>
        <source>Named backups:</source>
        <translation>Benannte Sicherungen:</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Files with plaintext tokens:</source>
        <translation>Dateien mit Klartext-Tokens:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>New named backup</source>
        <translation>Neue benannte Sicherung</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Delete backup</source>
        <translation>Sicherung löschen</translation>
    </message>
    <message>
        <source>Delete the named backup %1?</source>
        <translation>Die benannte Sicherung %1 löschen?</translation>
    </message>
    <message>
        <source>Preview of the account list</source>
        <translation>Vorschau der Kontenliste</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Vorschau:</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <source>5h 64% left · 7d 91% left</source>
        <translation>5 Std. 64 % übrig · 7 T. 91 % übrig</translation>
    </message>
    <message>
        <source>rate-limited</source>
        <translation>ratenbegrenzt</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message>
        <source>5h 0% left</source>
        <translation>5 Std. 0 % übrig</translation>
    </message>
    <message>
        <source>resets in 42m</source>
        <translation>Zurücksetzung in 42m</translation>
    </message>
    <message>
        <source>updated 1m ago</source>
        <translation>aktualisiert vor 1m</translation>
    </message>
    <message>
        <source>Project pools</source>
        <translation>Projekt-Pools</translation>
    </message>
    <message>
        <source>Project pools:</source>
        <translation>Projekt-Pools:</translation>
    </message>
    <message>
        <source>Open &amp;project folder</source>
        <translation>&amp;Projektordner öffnen</translation>
    </message>
    <message>
        <source>&amp;Merge into global pool</source>
        <translation>In globalen Pool &amp;zusammenführen</translation>
    </message>
    <message>
        <source>The refresh guardian has not run yet.</source>
        <translation>Der Erneuerungswächter ist noch nicht gelaufen.</translation>
    </message>
    <message>
        <source>Refresh guardian:</source>
        <translation>Erneuerungswächter:</translation>
    </message>
    <message>
        <source>The redacted debug bundle is on the clipboard.</source>
        <translation>Der geschwärzte Fehlerbericht liegt in der Zwischenablage.</translation>
    </message>
</context>
<context>
    <name>cma::ui::TransferPrompts</name>
    <message>
        <source>Export accounts</source>
        <translation>Konten exportieren</translation>
    </message>
    <message>
        <source>Passphrase for the encrypted export (at least 8 characters):</source>
        <translation>Passphrase für den verschlüsselten Export (mindestens 8 Zeichen):</translation>
    </message>
    <message>
        <source>Import accounts</source>
        <translation>Konten importieren</translation>
    </message>
    <message>
        <source>Passphrase (leave empty for a plaintext export):</source>
        <translation>Passphrase (leer lassen bei einem Klartext-Export):</translation>
    </message>
</context>
<context>
    <name>cma::ui::TrayApplication</name>
    <message>
        <source>Sign-in needed</source>
        <translation>Anmeldung nötig</translation>
    </message>
    <message>
        <source>An account needs to sign in again; see the tray menu.</source>
        <translation>Ein Konto muss sich neu anmelden; siehe das Tray-Menü.</translation>
    </message>
    <message>
        <source>Diagnostics copied</source>
        <translation>Diagnose kopiert</translation>
    </message>
    <message>
        <source>The redacted debug bundle is on the clipboard.</source>
        <translation>Der geschwärzte Fehlerbericht liegt in der Zwischenablage.</translation>
    </message>
    <message>
        <source>Codex Multi-Auth</source>
        <translation>Codex Multi-Auth</translation>
    </message>
    <message>
        <source>That did not work</source>
        <translation>Das hat nicht funktioniert</translation>
    </message>
    <message>
        <source>Unknown Codex account</source>
        <translation>Unbekanntes Codex-Konto</translation>
    </message>
    <message>
        <source>Codex is signed in as %1, which is not in your pool</source>
        <translation>Codex ist als %1 angemeldet; dieses Konto ist nicht in deinem Pool</translation>
    </message>
    <message>
        <source>Storage busy</source>
        <translation>Speicher belegt</translation>
    </message>
    <message>
        <source>Storage damaged — run codex-multi-auth --cli doctor</source>
        <translation>Speicher beschädigt — führe codex-multi-auth --cli doctor aus</translation>
    </message>
    <message>
        <source>Storage written by a newer version (read-only)</source>
        <translation>Speicher von einer neueren Version geschrieben (schreibgeschützt)</translation>
    </message>
    <message>
        <source>Account added</source>
        <translation>Konto hinzugefügt</translation>
    </message>
    <message>
        <source>%1 runs, last %2: %3 refreshed, %4 not needed yet, %5 failed</source>
        <translation>%1 Durchläufe, zuletzt %2: %3 erneuert, %4 noch nicht nötig, %5 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Refreshing… 0/%1</source>
        <translation>Aktualisiere… 0/%1</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
</context>
<context>
    <name>cma::ui::TrayHeader</name>
    <message>
        <source>Codex Multi-Auth</source>
        <translation>Codex Multi-Auth</translation>
    </message>
</context>
<context>
    <name>cma::ui::TrayMenu</name>
    <message>
        <source>More accounts (%1)</source>
        <translation>Weitere Konten (%1)</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>Konto hinzufügen…</translation>
    </message>
    <message>
        <source>Health check</source>
        <translation>Zustandsprüfung</translation>
    </message>
    <message>
        <source>Auto-repair issues</source>
        <translation>Probleme automatisch reparieren</translation>
    </message>
    <message>
        <source>Refresh all tokens</source>
        <translation>Alle Tokens erneuern</translation>
    </message>
    <message>
        <source>Copy diagnostics</source>
        <translation>Diagnose kopieren</translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation>Konten…</translation>
    </message>
    <message>
        <source>Forecast and quota…</source>
        <translation>Vorhersage und Kontingent…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Beim Anmelden starten</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Für 1 Stunde</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Bis morgen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Switch to best: %1</source>
        <translation>Zum besten wechseln: %1</translation>
    </message>
    <message>
        <source>Unpin account %1</source>
        <translation>Konto %1 lösen</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>Check problem accounts (%1)</source>
        <translation>Problemkonten prüfen (%1)</translation>
    </message>
    <message>
        <source>Check problem accounts</source>
        <translation>Problemkonten prüfen</translation>
    </message>
    <message>
        <source>Notifications paused</source>
        <translation>Benachrichtigungen pausiert</translation>
    </message>
    <message>
        <source>Pause notifications</source>
        <translation>Benachrichtigungen pausieren</translation>
    </message>
    <message>
        <source>Codex is signed in as %1 (not in pool) — Add…</source>
        <translation>Codex ist als %1 angemeldet (nicht im Pool) — Hinzufügen…</translation>
    </message>
    <message>
        <source>Codex is signed out — Sign Codex in as the current account</source>
        <translation>Codex ist abgemeldet — Codex mit dem aktuellen Konto anmelden</translation>
    </message>
</context>
<context>
    <name>cma::ui::TrayRowItem</name>
    <message>
        <source>Account %1: %2</source>
        <translation>Konto %1: %2</translation>
    </message>
    <message>
        <source>current</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
</context>
<context>
    <name>cma::ui::WelcomeDialog</name>
    <message>
        <source>Welcome to Codex Multi-Auth</source>
        <translation>Willkommen bei Codex Multi-Auth</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Several ChatGPT accounts, one Codex&lt;/h3&gt;&lt;p&gt;Codex Multi-Auth keeps your ChatGPT accounts signed in for the Codex CLI, shows each account&apos;s 5-hour and weekly quota in the tray, and switches Codex to the best next account in one click.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Mehrere ChatGPT-Konten, ein Codex&lt;/h3&gt;&lt;p&gt;Codex Multi-Auth hält deine ChatGPT-Konten für die Codex-CLI angemeldet, zeigt das 5-Stunden- und Wochenkontingent jedes Kontos im Tray und stellt Codex mit einem Klick auf das beste nächste Konto um.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Found %n account(s) in %1; they are ready to use.</source>
        <translation>
            <numerusform>%n Konto in %1 gefunden; es ist einsatzbereit.</numerusform>
            <numerusform>%n Konten in %1 gefunden; sie sind einsatzbereit.</numerusform>
        </translation>
    </message>
    <message>
        <source>No accounts yet. Add your first one with Add account.</source>
        <translation>Noch keine Konten. Füge dein erstes mit „Konto hinzufügen“ hinzu.</translation>
    </message>
    <message>
        <source>Refresh tokens are kept in the system keychain, because a keychain (Secret Service) answered.</source>
        <translation>Erneuerungstokens liegen im Schlüsselbund des Systems, weil ein Schlüsselbund (Secret Service) geantwortet hat.</translation>
    </message>
    <message>
        <source>Refresh tokens stay in the account file (readable only by you), because the existing accounts keep theirs there. Settings → Security and storage moves them into the keychain.</source>
        <translation>Erneuerungstokens bleiben in der Kontodatei (nur für dich lesbar), weil die vorhandenen Konten ihre dort halten. Einstellungen → Sicherheit und Speicher verschiebt sie in den Schlüsselbund.</translation>
    </message>
    <message>
        <source>Refresh tokens are kept in the account file (readable only by you), because this system has no keychain.</source>
        <translation>Erneuerungstokens liegen in der Kontodatei (nur für dich lesbar), weil dieses System keinen Schlüsselbund hat.</translation>
    </message>
    <message>
        <source>Refresh tokens are kept in the account file (readable only by you), because the keychain did not answer. Settings → Security and storage can switch to the keychain later.</source>
        <translation>Erneuerungstokens liegen in der Kontodatei (nur für dich lesbar), weil der Schlüsselbund nicht geantwortet hat. Einstellungen → Sicherheit und Speicher kann später zum Schlüsselbund wechseln.</translation>
    </message>
    <message>
        <source>The official Codex CLI was found at %1.</source>
        <translation>Die offizielle Codex-CLI wurde unter %1 gefunden.</translation>
    </message>
    <message>
        <source>The official Codex CLI was not found on PATH. Install it with: npm install -g @openai/codex</source>
        <translation>Die offizielle Codex-CLI wurde im PATH nicht gefunden. Installiere sie mit: npm install -g @openai/codex</translation>
    </message>
    <message>
        <source>Start Codex Multi-Auth at &amp;login, so tokens stay fresh</source>
        <translation>Codex Multi-Auth beim &amp;Anmelden starten, damit die Tokens frisch bleiben</translation>
    </message>
    <message>
        <source>&amp;Add account</source>
        <translation>Konto &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fertig</translation>
    </message>
</context>
</TS>
