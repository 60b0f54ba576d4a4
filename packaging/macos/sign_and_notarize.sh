#!/usr/bin/env bash
# Sign every Mach-O binary of Verkosto.app separately, then the bundle, then notarise and staple.
#   packaging/macos/sign_and_notarize.sh build/pyinstaller/dist/Verkosto.app
# Needs (from the release workflow's secrets): MACOS_SIGNING_IDENTITY ("Developer ID
# Application: …", already in the keychain), APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD.
# `codesign --deep` is not used: it misses or mis-signs the nested Qt frameworks of a
# one-folder PySide6 build (the notary then answers "The signature of the binary is invalid").
set -euo pipefail
app="$1"
entitlements="$(dirname "$0")/entitlements.plist"
sign() {
    codesign --force --timestamp --options runtime --entitlements "$entitlements" \
        --sign "$MACOS_SIGNING_IDENTITY" "$1"
}
# Innermost first: libraries and plugins, then framework bundles, then the executables.
while IFS= read -r -d '' file; do
    if file -b "$file" | grep -q "Mach-O"; then
        sign "$file"
    fi
done < <(find "$app/Contents" -type f \( -name "*.dylib" -o -name "*.so" -o -perm -u+x \) -print0)
while IFS= read -r -d '' framework; do
    sign "$framework"
done < <(find "$app/Contents" -type d -name "*.framework" -print0)
sign "$app"
codesign --verify --strict --verbose=2 "$app"
ditto -c -k --keepParent "$app" "$app.zip"
xcrun notarytool submit "$app.zip" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait
xcrun stapler staple "$app"
rm "$app.zip"
