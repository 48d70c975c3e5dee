#!/usr/bin/env bash
# Prints an access token from the topology's identity provider, obtained the documented way (docs/identity.md):
#   scripts/token.sh registrar          client credentials of trainingprogram-operations (role registrar);
#                                       needs OPERATIONS_CLIENT_SECRET (the AppHost parameter operations-client-secret)
#   scripts/token.sh S1001 [password]   a student signing in: authorization code + PKCE through the login page, as a
#                                       browser does; the password defaults to STUDENT_PASSWORD (parameter student-password)
# IDENTITY is the identity provider's address (default http://127.0.0.1:5170, as under scripts/run.sh).
set -euo pipefail
identity=${IDENTITY:-http://127.0.0.1:5170}
user=${1:?usage: scripts/token.sh registrar | STUDENT_NUMBER [password]}

token_from() { jq -er .access_token || { echo "token.sh: no token (is the topology running, and the secret right?)" >&2; exit 1; }; }

if [ "$user" = registrar ]; then
  curl -sf "$identity/connect/token" -d grant_type=client_credentials -d client_id=trainingprogram-operations \
    --data-urlencode "client_secret=${OPERATIONS_CLIENT_SECRET:?set OPERATIONS_CLIENT_SECRET}" \
    -d scope="enrollments notifications" | token_from
  exit
fi

password=${2:-${STUDENT_PASSWORD:?set STUDENT_PASSWORD or pass the password}}
jar=$(mktemp); trap 'rm -f "$jar"' EXIT
redirect=http://127.0.0.1/callback
verifier=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')
authorize="$identity/connect/authorize?response_type=code&client_id=trainingprogram-web&redirect_uri=$redirect"
authorize+="&scope=openid%20profile%20email%20roles%20enrollments%20notifications&code_challenge=$challenge"
authorize+="&code_challenge_method=S256&state=$RANDOM"

# The authorize endpoint sends an anonymous browser to the login page; the form carries an antiforgery token.
login=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$authorize")
form=$(curl -s -c "$jar" -b "$jar" "$login")
field() { sed -n "s/.*name=\"$1\" value=\"\([^\"]*\)\".*/\1/p" <<<"$form" | head -1 | sed 's/&amp;/\&/g'; }
antiforgery_name=$(sed -n 's/.*<input type="hidden" name="\([^"]*\)" value="[^"]*"><input type="hidden" name="returnUrl".*/\1/p' <<<"$form" | head -1)
back=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "${login%%\?*}" \
  --data-urlencode "$antiforgery_name=$(field "$antiforgery_name")" --data-urlencode "returnUrl=$(field returnUrl)" \
  --data-urlencode "userName=$user" --data-urlencode "password=$password")
[ -n "$back" ] || { echo "token.sh: sign-in refused for $user (wrong password?)" >&2; exit 1; }
callback=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$back")
code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$callback")
[ -n "$code" ] || { echo "token.sh: no authorization code in $callback" >&2; exit 1; }
curl -sf "$identity/connect/token" -d grant_type=authorization_code -d client_id=trainingprogram-web \
  --data-urlencode "code=$code" --data-urlencode "redirect_uri=$redirect" --data-urlencode "code_verifier=$verifier" | token_from
