; Inno Setup script of orgeditor's Windows installer. NOT BUILT OR TESTED HERE (see
; packaging/README.md). build-windows.ps1 runs:  iscc /DAppVersion=X.Y.Z packaging\windows\orgeditor.iss
; Input: dist\orgeditor\ (the PyInstaller folder). Output: dist\orgeditor-X.Y.Z-setup.exe.
;
; Installs per user by default (no admin prompt; the user may choose all users), adds a Start
; menu entry, associates .orgchart with orgeditor (icon, "Open" verb), puts orgeditor-cli on
; nobody's PATH unless asked, and removes everything it wrote on uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "orgeditor"
#define ProgId "orgeditor.orgchart"

[Setup]
AppId={{6A0F3C52-1B7E-4C3B-9F0E-5C2D8A4E7B19}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=orgeditor developers
AppComments=Plan, check and draw matrix machine-learning organisations
DefaultDirName={autopf}\orgeditor
DefaultGroupName=orgeditor
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
ChangesEnvironment=yes
OutputDir=..\..\dist
OutputBaseFilename=orgeditor-{#AppVersion}-setup
SetupIconFile=orgeditor.ico
UninstallDisplayIcon={app}\orgeditor.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "association"; Description: "Open .orgchart files with orgeditor"; GroupDescription: "File types:"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add orgeditor-cli to PATH (command line use)"; GroupDescription: "Command line:"; Flags: unchecked

[Files]
Source: "..\..\dist\orgeditor\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\orgeditor"; Filename: "{app}\orgeditor.exe"
Name: "{autodesktop}\orgeditor"; Filename: "{app}\orgeditor.exe"; Tasks: desktopicon

[Registry]
; HKA = HKLM for an all-users install, HKCU for a per-user one.
Root: HKA; Subkey: "Software\Classes\.orgchart"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.orgchart"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-orgeditor-orgchart"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.orgchart\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Org chart"; Flags: uninsdeletekey; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\orgeditor.exe,0"; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\orgeditor.exe"" ""%1"""; Tasks: association
Root: HKA; Subkey: "Software\Classes\Applications\orgeditor.exe\SupportedTypes"; ValueType: string; ValueName: ".orgchart"; ValueData: ""; Flags: uninsdeletekey
; Command line: the install folder on the user's (or machine's) PATH, on request.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NeedsAddPath(ExpandConstant('{app}')) and not IsAdminInstallMode; Tasks: addtopath
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NeedsAddPath(ExpandConstant('{app}')) and IsAdminInstallMode; Tasks: addtopath

[Run]
Filename: "{app}\orgeditor.exe"; Description: "{cm:LaunchProgram,orgeditor}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Paths: string;
  RootKey: Integer;
  SubKey: string;
begin
  if IsAdminInstallMode then begin
    RootKey := HKEY_LOCAL_MACHINE;
    SubKey := 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment';
  end else begin
    RootKey := HKEY_CURRENT_USER;
    SubKey := 'Environment';
  end;
  if not RegQueryStringValue(RootKey, SubKey, 'Path', Paths) then begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;

// Uninstall: take the install folder out of PATH again (only that entry).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Paths, Dir: string;
  RootKey: Integer;
  SubKey: string;
  P: Integer;
begin
  if CurUninstallStep <> usPostUninstall then exit;
  if IsAdminInstallMode then begin
    RootKey := HKEY_LOCAL_MACHINE;
    SubKey := 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment';
  end else begin
    RootKey := HKEY_CURRENT_USER;
    SubKey := 'Environment';
  end;
  if not RegQueryStringValue(RootKey, SubKey, 'Path', Paths) then exit;
  Dir := ';' + ExpandConstant('{app}');
  P := Pos(Uppercase(Dir), Uppercase(Paths));
  if P > 0 then begin
    Delete(Paths, P, Length(Dir));
    RegWriteExpandStringValue(RootKey, SubKey, 'Path', Paths);
  end;
end;
