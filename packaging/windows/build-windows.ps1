# Build orgeditor's Windows bundle and installer. NOT RUN HERE: written on Linux, untested on
# Windows (see packaging/README.md). Run from the repository root in PowerShell:
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build-windows.ps1 [-GraphvizZip PATH]
#
# Needs: Python 3.11+ (python.org build, on PATH as `py` or `python`), Inno Setup 6 (iscc.exe),
# and the official Graphviz Windows zip (downloaded from Graphviz's release page unless
# -GraphvizZip names one). Output: dist\orgeditor\ and dist\orgeditor-VERSION-setup.exe.
param(
    [string]$GraphvizZip = "",
    [string]$GraphvizVersion = "12.2.1"
)
$ErrorActionPreference = "Stop"
$root = (Resolve-Path "$PSScriptRoot\..\..").Path
Set-Location $root
function Say($msg) { Write-Host "==> $msg" -ForegroundColor Cyan }

# 1. Build venv with PyInstaller and the project (non-editable: what a wheel holds).
if (-not (Test-Path build\venv\Scripts\python.exe)) {
    Say "creating build\venv"
    py -3 -m venv build\venv
}
$py = "build\venv\Scripts\python.exe"
& $py -m pip install -q --upgrade pip
& $py -m pip install -q "pyinstaller>=6.10,<7" .
& $py -m pip install -q --no-deps --force-reinstall .

# 2. Graphviz: the official build's bin\ folder (dot.exe, its DLLs, the gvplugin_*.dll) in
#    build\graphviz. On Windows dot finds DLLs beside itself and plugins beside gvc.dll, and
#    `dot -c` writes config6 there: no wrapper and no GVBINDIR needed.
$gv = "build\graphviz"
if (-not $GraphvizZip) {
    $GraphvizZip = "build\graphviz-$GraphvizVersion-win64.zip"
    if (-not (Test-Path $GraphvizZip)) {
        $url = "https://gitlab.com/api/v4/projects/4207231/packages/generic/graphviz-releases/" +
               "$GraphvizVersion/windows_10_cmake_Release_Graphviz-$GraphvizVersion-win64.zip"
        Say "downloading Graphviz $GraphvizVersion"
        New-Item -ItemType Directory -Force build | Out-Null
        Invoke-WebRequest -Uri $url -OutFile $GraphvizZip
    }
}
Remove-Item -Recurse -Force $gv, build\graphviz-unpacked -ErrorAction SilentlyContinue
Expand-Archive $GraphvizZip -DestinationPath build\graphviz-unpacked
$bin = Get-ChildItem build\graphviz-unpacked -Recurse -Filter dot.exe | Select-Object -First 1
New-Item -ItemType Directory -Force $gv | Out-Null
Copy-Item "$($bin.DirectoryName)\dot.exe" $gv
Copy-Item "$($bin.DirectoryName)\*.dll" $gv
& "$gv\dot.exe" -c
if (-not (Test-Path "$gv\config6")) { throw "dot -c wrote no config6" }
"digraph { a -> b }" | & "$gv\dot.exe" -Tsvg -o build\graphviz-check.svg
"digraph { a -> b }" | & "$gv\dot.exe" -Tpdf -o build\graphviz-check.pdf
if (-not (Test-Path build\graphviz-check.pdf)) { throw "the bundled dot cannot write PDF" }

# 3. Icons (the committed .ico is regenerated from resources\icons\orgeditor.svg).
& $py packaging\make_icons.py --out build\icons
Copy-Item build\icons\orgeditor.ico packaging\windows\orgeditor.ico

# 4. PyInstaller.
Say "freezing into dist\orgeditor"
$env:ORGEDITOR_GRAPHVIZ_DIR = (Resolve-Path $gv).Path
& build\venv\Scripts\pyinstaller.exe --noconfirm --distpath dist --workpath build\pyinstaller `
    packaging\windows\orgeditor.spec
$version = (& dist\orgeditor\orgeditor-cli.exe --version).Split(" ")[1]
& dist\orgeditor\orgeditor-cli.exe sample -o build\check.orgchart
& dist\orgeditor\orgeditor-cli.exe export build\check.orgchart -o build\check.pdf

# 5. Installer.
$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
Say "building the installer with Inno Setup"
& $iscc "/DAppVersion=$version" packaging\windows\orgeditor.iss

$size = "{0:N1} MB" -f ((Get-ChildItem dist\orgeditor -Recurse | Measure-Object Length -Sum).Sum / 1MB)
$setup = Get-Item "dist\orgeditor-$version-setup.exe"
Write-Host "bundle     dist\orgeditor\  $size unpacked"
Write-Host ("installer  {0}  {1:N1} MB" -f $setup.FullName, ($setup.Length / 1MB))
