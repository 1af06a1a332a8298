; The Windows installer of Aiguillage (NSIS, built on Debian by scripts/build-windows).
; Per-user: no administrator rights asked, installed under %LOCALAPPDATA%\Programs\Aiguillage,
; a Start-menu entry, an uninstaller listed in Windows' "Apps". WebView2, which draws the window,
; is part of Windows 10 and 11; where it is missing the installer says where to get it and goes on.
; The volunteers' data (%APPDATA%\Aiguillage\aiguillage\data) is never touched by installing or uninstalling.
;
; Defines given by scripts/build-windows: VERSION, SOURCE (the folder of the files to install),
; OUTFILE (the installer to write), and SIGN when there is a certificate to sign with.

Unicode true
; A 64-bit installer, as the app: Windows 10 and 11 on x64.
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinMessages.nsh"

!define PRODUCT "Aiguillage"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Aiguillage"
; WebView2 Runtime's client id, under EdgeUpdate (Microsoft's documented check).
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
; Signed once written, the installer and the uninstaller it carries, when scripts/build-windows
; was given a certificate (SIGN: scripts/sign-windows).
!ifdef SIGN
  !finalize '"${SIGN}" "%1"' = 0
  !uninstfinalize '"${SIGN}" "%1"' = 0
!endif
; "d'Aiguillage": NSIS's own French says "de Aiguillage".
Caption "$(Caption)"
UninstallCaption "$(UninstallCaption)"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT}, version ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1036 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation d'Aiguillage"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "Aiguillage"

!define MUI_ICON "${SOURCE}\aiguillage.ico"
!define MUI_UNICON "${SOURCE}\aiguillage.ico"
!define MUI_ABORTWARNING
; The side panel of the first and last pages: the app's mark on its blue (164 × 314, made from
; src-tauri/icons/128x128.png with ImageMagick; scripts/build-windows puts it with the files).
!define MUI_WELCOMEFINISHPAGE_BITMAP "${SOURCE}\panneau.bmp"
!define MUI_UNWELCOMEFINISHPAGE_BITMAP "${SOURCE}\panneau.bmp"
!define MUI_WELCOMEPAGE_TITLE "$(WelcomeTitle)"
!define MUI_WELCOMEPAGE_TEXT "$(WelcomeText)"
!define MUI_FINISHPAGE_TITLE "$(FinishTitle)"
!define MUI_FINISHPAGE_TEXT "$(FinishText)"
!define MUI_FINISHPAGE_RUN "$INSTDIR\Aiguillage.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(UninstallText)"
!define MUI_UNCONFIRMPAGE_TEXT_LOCATION "$(UninstallFolder)"

; Set when Windows lacks WebView2: the last page then does not offer to open the app.
Var NoWebView2

; No folder to choose: a volunteer has nothing to decide there, and the app goes where Windows
; puts a person's own programs (an administrator can still give /D= to a silent install).
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_INSTFILES
!define MUI_PAGE_CUSTOMFUNCTION_SHOW FinishShow
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "English"

LangString Caption ${LANG_FRENCH} "Installation d’Aiguillage"
LangString Caption ${LANG_ENGLISH} "Installing Aiguillage"
LangString UninstallCaption ${LANG_FRENCH} "Désinstallation d’Aiguillage"
LangString UninstallCaption ${LANG_ENGLISH} "Uninstalling Aiguillage"
LangString WelcomeTitle ${LANG_FRENCH} "Installer Aiguillage sur cet ordinateur"
LangString WelcomeTitle ${LANG_ENGLISH} "Install Aiguillage on this computer"
LangString WelcomeText ${LANG_FRENCH} "Aiguillage aide à faire le point avec une personne sur ses besoins numériques et à l’orienter vers la bonne structure.$\r$\n$\r$\nL’installation prend moins d’une minute, ne demande aucun mot de passe et fonctionne sans Internet.$\r$\n$\r$\nCliquez sur « Installer » pour commencer."
LangString WelcomeText ${LANG_ENGLISH} "Aiguillage helps take stock of a person’s digital needs with them and refer them to the right place.$\r$\n$\r$\nInstalling takes less than a minute, asks for no password and works without the Internet.$\r$\n$\r$\nClick “Install” to begin."
LangString FinishTitle ${LANG_FRENCH} "Aiguillage est installé"
LangString FinishTitle ${LANG_ENGLISH} "Aiguillage is installed"
LangString FinishText ${LANG_FRENCH} "Vous le trouverez dans le menu Démarrer, sous « Aiguillage ».$\r$\n$\r$\nCliquez sur Fermer pour terminer."
LangString FinishText ${LANG_ENGLISH} "You will find it in the Start menu, under “Aiguillage”.$\r$\n$\r$\nClick Close to finish."
LangString RunNow ${LANG_FRENCH} "Ouvrir Aiguillage maintenant"
LangString RunNow ${LANG_ENGLISH} "Open Aiguillage now"
LangString UninstallFolder ${LANG_FRENCH} "Dossier :"
LangString UninstallFolder ${LANG_ENGLISH} "Folder:"
LangString UninstallText ${LANG_FRENCH} "Aiguillage va être retiré de cet ordinateur. Les diagnostics déjà enregistrés restent sur cet ordinateur : ils ne sont pas effacés."
LangString UninstallText ${LANG_ENGLISH} "Aiguillage will be removed from this computer. The diagnostics already saved stay on this computer: they are not erased."
LangString NoWebView2 ${LANG_FRENCH} "Aiguillage a besoin d’un programme gratuit de Microsoft, « WebView2 », qui manque sur cet ordinateur. L’installation d’Aiguillage va se terminer normalement ; installez ensuite WebView2 (ou demandez à la personne qui coordonne), puis ouvrez Aiguillage.$\r$\n$\r$\nOuvrir maintenant la page de Microsoft où le télécharger ?"
LangString NoWebView2 ${LANG_ENGLISH} "Aiguillage needs a free Microsoft program, “WebView2”, which this computer lacks. Aiguillage’s installation will finish normally; then install WebView2 (or ask your coordinator), and open Aiguillage.$\r$\n$\r$\nOpen Microsoft’s download page now?"
LangString DataKept ${LANG_FRENCH} "Les diagnostics enregistrés restent sur cet ordinateur, dans le dossier des données d’Aiguillage."
LangString DataKept ${LANG_ENGLISH} "The diagnostics saved stay on this computer, in Aiguillage’s data folder."

Function .onInit
  ; French first, as the app.
  StrCpy $LANGUAGE ${LANG_FRENCH}
FunctionEnd

Function un.onInit
  StrCpy $LANGUAGE ${LANG_FRENCH}
FunctionEnd

Function CheckWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == ""
    ReadRegStr $0 HKCU "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    StrCpy $NoWebView2 1
    ; A silent install opens no browser.
    MessageBox MB_YESNO|MB_ICONINFORMATION "$(NoWebView2)" /SD IDNO IDNO done
      ExecShell "open" "https://go.microsoft.com/fwlink/p/?LinkId=2124703"
    done:
  ${EndIf}
FunctionEnd

Function FinishShow
  ${If} $NoWebView2 == 1
    SendMessage $mui.FinishPage.Run ${BM_SETCHECK} 0 0
  ${EndIf}
FunctionEnd

Section "Aiguillage" Main
  SectionIn RO
  SetOutPath "$INSTDIR"
  File /oname=Aiguillage.exe "${SOURCE}\aiguillage-app.exe"
  File "${SOURCE}\WebView2Loader.dll"
  File "${SOURCE}\aiguillage.ico"
  File /oname=LISEZ-MOI.txt "${SOURCE}\LISEZ-MOI.txt"
  File /r "${SOURCE}\licences"
  WriteUninstaller "$INSTDIR\Desinstaller.exe"
  CreateShortCut "$SMPROGRAMS\Aiguillage.lnk" "$INSTDIR\Aiguillage.exe" "" "$INSTDIR\aiguillage.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Aiguillage"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\aiguillage.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Desinstaller.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Desinstaller.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  Call CheckWebView2
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\Aiguillage.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\aiguillage.ico"
  Delete "$INSTDIR\LISEZ-MOI.txt"
  RMDir /r "$INSTDIR\licences"
  Delete "$INSTDIR\Desinstaller.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Aiguillage.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DetailPrint "$(DataKept)"
SectionEnd
