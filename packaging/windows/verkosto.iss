; Inno Setup script for Verkosto on Windows: installs the one-folder program built by
; `python packaging/freeze.py` (the same spec as on Linux), with a Start-menu entry and the
; .verkosto file association. Built by .github/workflows/release.yml:
;   iscc /DAppVersion=0.1.0 packaging\windows\verkosto.iss
; A newer installer with the same AppId installs over the older version; the data is never in
; the program folder (it is in %LOCALAPPDATA%\Verkosto), so it stays.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\build\pyinstaller\dist\verkosto"
#endif

[Setup]
AppId={{5C2E7A3B-8F1D-4B7E-9A61-3D0F2C4B9E17}
AppName=Verkosto
AppVersion={#AppVersion}
AppVerName=Verkosto {#AppVersion}
AppPublisher=Verkosto
DefaultDirName={autopf}\Verkosto
DefaultGroupName=Verkosto
DisableProgramGroupPage=yes
; A coordinator on a locked-down municipal laptop can install for herself, without an
; administrator; an administrator may still install for everyone.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=verkosto-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\verkosto.ico
UninstallDisplayIcon={app}\verkosto.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "finnish"; MessagesFile: "compiler:Languages\Finnish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; The libraries of an older version go before the newer ones are copied in.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Verkosto"; Filename: "{app}\verkosto.exe"; Comment: "Järjestöverkoston toimijarekisteri"
Name: "{autodesktop}\Verkosto"; Filename: "{app}\verkosto.exe"; Tasks: desktopicon

[Registry]
; HKA: the current user's classes for a personal install, the machine's for an administrator's.
Root: HKA; Subkey: "Software\Classes\.verkosto"; ValueType: string; ValueName: ""; ValueData: "Verkosto.Register"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.verkosto\OpenWithProgids"; ValueType: string; ValueName: "Verkosto.Register"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Verkosto.Register"; ValueType: string; ValueName: ""; ValueData: "Verkosto register"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Verkosto.Register\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\verkosto.exe,0"
Root: HKA; Subkey: "Software\Classes\Verkosto.Register\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\verkosto.exe"" ""%1"""

[Run]
Filename: "{app}\verkosto.exe"; Description: "{cm:LaunchProgram,Verkosto}"; Flags: nowait postinstall skipifsilent
