; 雁群 (yanqun): the Windows installer (NSIS 3, Unicode, MUI2, Simplified Chinese, 64-bit).
;
; Compile (installer/build.py does this after the PyInstaller build):
;   makensis /DBUILD_DIR=build\dist\yanqun /DAPP_VERSION=0.1.0 [/DAPP_EXE=yanqun.exe]
;            [/DOUT_FILE=build\yanqun-0.1.0-setup.exe] installer\yanqun.nsi
;
; Install modes (NSIS MultiUser): per machine into "C:\Program Files\雁群" (needs an
; administrator; writes the `machine-wide` marker, so data lives in C:\ProgramData\yanqun for every
; Windows account), or per user into "%LOCALAPPDATA%\Programs\雁群" (data in the user's AppData).
; An administrator is asked on a page; a standard user gets the per-user install.
;
; Silent install for an IT person (installer/README.md):
;   yanqun-0.1.0-setup.exe /S /AllUsers /STREET=沙河 /DISTRICTCARD=D:\南山区.yqkey [/NODESKTOP] [/D=C:\Apps\雁群]
; /STREET and /DISTRICTCARD are written to provision.json beside the program (the card copied into
; provision\), which the program applies on its first start. /D must come last (NSIS rule).

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!ifndef BUILD_DIR
  !error "BUILD_DIR is required: /DBUILD_DIR=<the PyInstaller folder, e.g. build\dist\yanqun>"
!endif
!ifndef APP_VERSION
  !error "APP_VERSION is required: /DAPP_VERSION=<yanqun_desktop.__version__>"
!endif
!ifndef APP_EXE
  !define APP_EXE "yanqun.exe"
!endif
!ifndef APP_VERSION_NUM
  !define APP_VERSION_NUM "${APP_VERSION}.0"  ; VIProductVersion wants four numbers
!endif
!ifndef OUT_FILE
  !define OUT_FILE "yanqun-${APP_VERSION}-setup.exe"
!endif

!define APP_NAME "雁群"
!define APP_ID "yanqun"
!define PUBLISHER "雁群项目"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define APP_KEY "Software\${APP_ID}"
!define PROGID "yanqun.package"
!define RESET_PROGID "yanqun.resetfile"

Name "${APP_NAME}"
OutFile "${OUT_FILE}"
BrandingText "${APP_NAME} ${APP_VERSION}"

VIProductVersion "${APP_VERSION_NUM}"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "Apache-2.0"

; --- install modes -------------------------------------------------------------------------
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE  ; /AllUsers, /CurrentUser
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${APP_NAME}"
; an upgrade finds the previous folder and mode (HKLM for per machine, HKCU per user)
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${APP_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${APP_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallDir"
!include MultiUser.nsh
!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh
!include x64.nsh

; What the build put in the install folder, removed on upgrade and uninstall (build.py writes it
; from the build's top level; without it, the Windows build's usual names).
!ifdef PROGRAM_FILES_NSH
  !include "${PROGRAM_FILES_NSH}"
!else
  !macro RemoveProgramFiles
    RMDir /r "$INSTDIR\_internal"
    Delete "$INSTDIR\${APP_EXE}"
    Delete "$INSTDIR\yanqun-cli.exe"
  !macroend
!endif

!define MUI_ABORTWARNING
!ifdef APP_ICON
  !define MUI_ICON "${APP_ICON}"
  !define MUI_UNICON "${APP_ICON}"
!endif

!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!define MUI_COMPONENTSPAGE_NODESC
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "启动 ${APP_NAME}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

Var Street
Var DistrictCard
Var ProvisionFile

; A quote in a value would break the JSON: refused before anything is installed.
!macro RefuseJsonUnsafe VALUE WHAT
  Push $R0
  Push $R1
  StrLen $R1 "${VALUE}"
  ${ForEach} $R0 0 $R1 + 1
    StrCpy $R2 "${VALUE}" 1 $R0
    ${If} $R2 == '"'
      MessageBox MB_ICONSTOP "${WHAT} 中不能含引号：${VALUE}" /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${Next}
  Pop $R1
  Pop $R0
!macroend

!macro CheckRunning
  ; FindWindow is not enough for a Qt program: try to rename the program file; Windows refuses
  ; while it runs.
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
    ClearErrors
    Rename "$INSTDIR\${APP_EXE}" "$INSTDIR\${APP_EXE}.old"
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME} 正在运行。请先关闭它，再点“重试”。" /SD IDCANCEL IDRETRY +2
      Abort "${APP_NAME} 正在运行，升级已取消。"
      Rename "$INSTDIR\${APP_EXE}" "$INSTDIR\${APP_EXE}.old"
    ${EndIf}
    Delete "$INSTDIR\${APP_EXE}.old"
  ${EndIf}
!macroend

; --- sections ------------------------------------------------------------------------------
Section "!${APP_NAME}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"

  ; Upgrade in place: a running copy holds its files open. Ask it to close rather than fail halfway.
  !insertmacro CheckRunning

  ; The previous version's program files go (never data: that lives in the data folder). The
  ; uninstaller of the old version is not run, so its shortcuts and file types stay until rewritten.
  !insertmacro RemoveProgramFiles  ; with _internal\ goes the machine-wide marker: rewritten below

  File /r "${BUILD_DIR}\*.*"

  ; The marker config.py looks for beside the yanqun_desktop package (_internal\): machine-wide data.
  ${If} $MultiUser.InstallMode == "AllUsers"
    FileOpen $0 "$INSTDIR\_internal\machine-wide" w
    FileWrite $0 "Installed for all users of this PC: data in the machine-wide data folder.$\r$\n"
    FileClose $0
    ; every account of the PC may write the shared data folder (C:\ProgramData\yanqun)
    CreateDirectory "$COMMONPROGRAMDATA\${APP_ID}"
    nsExec::Exec 'icacls "$COMMONPROGRAMDATA\${APP_ID}" /grant *S-1-5-32-545:(OI)(CI)M /T /Q'
    Pop $0
  ${EndIf}

  Call WriteProvision

  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; SHCTX: HKLM for a per-machine install, HKCU per user (MultiUser sets the shell context)
  WriteRegStr SHCTX "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${APP_KEY}" "Version" "${APP_VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${APP_VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" "$0"

  ; Start menu (SetShellVarContext all/current chooses the common or the user's menu)
  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

Section "桌面快捷方式" SecDesktop
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

Section "关联 .yqpkg 数据包（双击打开导入界面）" SecPackage
  WriteRegStr SHCTX "Software\Classes\.yqpkg" "" "${PROGID}"
  WriteRegStr SHCTX "Software\Classes\.yqpkg" "Content Type" "application/x-yanqun-package"
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "" "雁群数据包"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
SectionEnd

Section /o "关联 .yqreset 区级重设文件" SecReset
  WriteRegStr SHCTX "Software\Classes\.yqreset" "" "${RESET_PROGID}"
  WriteRegStr SHCTX "Software\Classes\${RESET_PROGID}" "" "雁群密码重设文件"
  WriteRegStr SHCTX "Software\Classes\${RESET_PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr SHCTX "Software\Classes\${RESET_PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

; --- provisioning: /STREET= and /DISTRICTCARD= ---------------------------------------------
; provision.json (UTF-16 LE with a byte-order mark; services/provisioning.py reads it):
;   {"version": 1, "street": "沙河", "district_card": "provision/南山区.yqkey"}
Function WriteProvision
  ${If} $Street == ""
  ${AndIf} $DistrictCard == ""
    Return
  ${EndIf}
  StrCpy $ProvisionFile "$INSTDIR\provision.json"
  StrCpy $1 ""
  ${If} $DistrictCard != ""
    ${GetFileName} "$DistrictCard" $2
    CreateDirectory "$INSTDIR\provision"
    ClearErrors
    CopyFiles /SILENT "$DistrictCard" "$INSTDIR\provision\$2"
    ${If} ${Errors}
      MessageBox MB_ICONSTOP "无法复制区级密钥名片：$DistrictCard" /SD IDOK
      SetErrorLevel 2
      Abort "无法复制区级密钥名片。"
    ${EndIf}
    StrCpy $1 "provision/$2"
  ${EndIf}
  FileOpen $0 "$ProvisionFile" w
  FileWriteWord $0 0xFEFF
  FileWriteUTF16LE $0 '{"version": 1, "street": "$Street", "district_card": "$1", "written_by": "installer ${APP_VERSION}"}$\r$\n'
  FileClose $0
FunctionEnd

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP_NAME} 需要 64 位 Windows 10 或 11。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MULTIUSER_INIT

  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/STREET=" $Street
  ${GetOptions} $0 "/DISTRICTCARD=" $DistrictCard
  ${If} $Street != ""
    !insertmacro RefuseJsonUnsafe $Street "/STREET="
  ${EndIf}
  ${If} $DistrictCard != ""
    !insertmacro RefuseJsonUnsafe $DistrictCard "/DISTRICTCARD="
    ; a relative path means the folder the installer was started in (the section later works in
    ; $INSTDIR); checked before anything is installed: a wrong path leaves the PC as it was
    GetFullPathName $1 $DistrictCard  ; empty when the folder does not exist: the message names the given path
    ${If} $1 != ""
      StrCpy $DistrictCard $1
    ${EndIf}
    ${IfNot} ${FileExists} "$DistrictCard"
      MessageBox MB_ICONSTOP "找不到区级密钥名片：$DistrictCard" /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${EndIf}
  ClearErrors
  ${GetOptions} $0 "/NODESKTOP" $1
  ${IfNot} ${Errors}
    !insertmacro UnselectSection ${SecDesktop}
  ${EndIf}
  ClearErrors
  ${GetOptions} $0 "/RESETFILES" $1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecReset}
  ${EndIf}
FunctionEnd

; --- uninstall: program files, shortcuts, file types; never the data ------------------------
Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  ReadRegStr $0 SHCTX "Software\Classes\.yqpkg" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey SHCTX "Software\Classes\.yqpkg"
  ${EndIf}
  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
  ReadRegStr $0 SHCTX "Software\Classes\.yqreset" ""
  ${If} $0 == "${RESET_PROGID}"
    DeleteRegKey SHCTX "Software\Classes\.yqreset"
  ${EndIf}
  DeleteRegKey SHCTX "Software\Classes\${RESET_PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  !insertmacro RemoveProgramFiles
  Delete "$INSTDIR\provision.json"
  RMDir /r "$INSTDIR\provision"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  DeleteRegKey SHCTX "${UNINST_KEY}"
  DeleteRegKey SHCTX "${APP_KEY}"
  ; The data folder (C:\ProgramData\yanqun or %LOCALAPPDATA%\yanqun: database, backups, keys) stays.
SectionEnd
