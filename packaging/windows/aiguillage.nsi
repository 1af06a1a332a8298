; The Windows installer of Aiguillage (NSIS, built on Debian by scripts/build-windows).
; Per-user: no administrator rights asked, installed under %LOCALAPPDATA%\Programs\Aiguillage,
; a Start-menu entry, an uninstaller listed in Windows' "Apps". WebView2, which draws the window,
; is part of Windows 10 and 11; where it is missing the installer says where to get it and goes on.
; The volunteers' data (%APPDATA%\Aiguillage\aiguillage\data) is never touched by installing or uninstalling.
;
; Defines given by scripts/build-windows: VERSION, SOURCE (the folder of the files to install),
; OUTFILE (the installer to write).

Unicode true
; A 64-bit installer, as the app: Windows 10 and 11 on x64.
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define PRODUCT "Aiguillage"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Aiguillage"
; WebView2 Runtime's client id, under EdgeUpdate (Microsoft's documented check).
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
; "d'Aiguillage": NSIS's own French says "de Aiguillage".
Caption "$(Caption)"
UninstallCaption "$(UninstallCaption)"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
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

; No folder to choose: a volunteer has nothing to decide there, and the app goes where Windows
; puts a person's own programs (an administrator can still give /D= to a silent install).
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "English"

LangString Caption ${LANG_FRENCH} "Installation d'Aiguillage"
LangString Caption ${LANG_ENGLISH} "Installing Aiguillage"
LangString UninstallCaption ${LANG_FRENCH} "Désinstallation d'Aiguillage"
LangString UninstallCaption ${LANG_ENGLISH} "Uninstalling Aiguillage"
LangString WelcomeTitle ${LANG_FRENCH} "Installer Aiguillage sur cet ordinateur"
LangString WelcomeTitle ${LANG_ENGLISH} "Install Aiguillage on this computer"
LangString WelcomeText ${LANG_FRENCH} "Aiguillage aide à faire le point avec une personne sur ses besoins numériques et à l'orienter vers la bonne structure.$\r$\n$\r$\nL'installation prend moins d'une minute, ne demande pas de mot de passe administrateur et ne se sert pas d'Internet.$\r$\n$\r$\nCliquez sur Suivant pour installer."
LangString WelcomeText ${LANG_ENGLISH} "Aiguillage helps take stock of a person's digital needs with them and refer them to the right place.$\r$\n$\r$\nInstalling takes less than a minute, asks for no administrator password and does not use the Internet.$\r$\n$\r$\nClick Next to install."
LangString FinishTitle ${LANG_FRENCH} "Aiguillage est installé"
LangString FinishTitle ${LANG_ENGLISH} "Aiguillage is installed"
LangString FinishText ${LANG_FRENCH} "Vous le trouverez dans le menu Démarrer, sous « Aiguillage ».$\r$\n$\r$\nCliquez sur Fermer pour terminer."
LangString FinishText ${LANG_ENGLISH} "You will find it in the Start menu, under “Aiguillage”.$\r$\n$\r$\nClick Close to finish."
LangString RunNow ${LANG_FRENCH} "Ouvrir Aiguillage maintenant"
LangString RunNow ${LANG_ENGLISH} "Open Aiguillage now"
LangString UninstallText ${LANG_FRENCH} "Aiguillage va être retiré de cet ordinateur. Les diagnostics enregistrés ici sont gardés."
LangString UninstallText ${LANG_ENGLISH} "Aiguillage will be removed from this computer. The diagnostics saved here are kept."
LangString NoWebView2 ${LANG_FRENCH} "Windows n'a pas le composant WebView2, qui affiche la fenêtre d'Aiguillage. Installez-le (gratuit, de Microsoft) depuis https://go.microsoft.com/fwlink/p/?LinkId=2124703 puis ouvrez Aiguillage. L'installation continue."
LangString NoWebView2 ${LANG_ENGLISH} "Windows lacks the WebView2 component that draws Aiguillage's window. Install it (free, from Microsoft) from https://go.microsoft.com/fwlink/p/?LinkId=2124703, then open Aiguillage. The installation goes on."
LangString DataKept ${LANG_FRENCH} "Les diagnostics enregistrés sur cet ordinateur sont gardés (dossier %APPDATA%\Aiguillage\aiguillage\data)."
LangString DataKept ${LANG_ENGLISH} "The diagnostics saved on this computer are kept (folder %APPDATA%\Aiguillage\aiguillage\data)."

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
    MessageBox MB_OK|MB_ICONINFORMATION "$(NoWebView2)" /SD IDOK
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
