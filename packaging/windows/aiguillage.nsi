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
!define MUI_FINISHPAGE_RUN "$INSTDIR\Aiguillage.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "English"

LangString NoWebView2 ${LANG_FRENCH} "Windows n'a pas le composant WebView2, qui affiche la fenêtre d'Aiguillage. Installez-le (gratuit, de Microsoft) depuis https://go.microsoft.com/fwlink/p/?LinkId=2124703 puis ouvrez Aiguillage. L'installation continue."
LangString NoWebView2 ${LANG_ENGLISH} "Windows lacks the WebView2 component that draws Aiguillage's window. Install it (free, from Microsoft) from https://go.microsoft.com/fwlink/p/?LinkId=2124703, then open Aiguillage. The installation goes on."
LangString DataKept ${LANG_FRENCH} "Les diagnostics enregistrés sur cet ordinateur sont gardés (dossier %APPDATA%\Aiguillage\aiguillage\data)."
LangString DataKept ${LANG_ENGLISH} "The diagnostics saved on this computer are kept (folder %APPDATA%\Aiguillage\aiguillage\data)."

Function .onInit
  ; French first, as the app.
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
