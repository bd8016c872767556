#!/usr/bin/env bash
# The README's worked example, runnable: start the service on a fresh ledger (npm start), then
#   scripts/worked-example.sh            (API=http://localhost:3000 DATA_DIR=./data by default)
set -euo pipefail
API=${API:-http://localhost:3000}
ADMIN=$(cat ${DATA_DIR:-./data}/admin-api-key)
post() { curl -sS --fail-with-body -X POST "$API$1" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -H "Idempotency-Key: $3" -d "$4"; }
# 1. The admin makes a fund manager, a guarantee officer and a bank user, with a key each.
for u in 'amina fund_manager' 'moussa guarantee_officer' 'cncas bank'; do
  set -- $u
  body="{\"userId\":\"$1\",\"role\":\"$2\"$( [ "$2" = bank ] && echo ",\"bankId\":\"CNCAS\"" || true)}"
  post /access/users "$ADMIN" "user-$1" "$body" >/dev/null
done
key() { post /access/api-keys "$ADMIN" "key-$1" "{\"userId\":\"$1\",\"label\":\"demo\"}" | node -pe 'JSON.parse(require("fs").readFileSync(0)).apiKey'; }
FM=$(key amina); GO=$(key moussa); BANK=$(key cncas)
# 2. The Moroccan export-consortium fund: promotion 75 / 60 / 50 %, capped at 200,000 MAD a year.
FUND=$(post /cofinancing/funds "$FM" fund-1 '{"name":"Fonds consortiums export","currency":"MAD","createdOn":"2021-01-01"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).fundId')
DONOR=$(post /cofinancing/funds/$FUND/donors "$FM" donor-1 '{"name":"Etat marocain","registeredOn":"2021-01-01"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).donorId')
post /cofinancing/funds/$FUND/contributions "$FM" contribution-1 "{\"donorId\":\"$DONOR\",\"amount\":{\"amountMinor\":\"100000000\",\"currency\":\"MAD\"},\"receivedOn\":\"2021-01-10\",\"reference\":\"CONV-2021-01\"}" >/dev/null
CAP='{"amountMinor":"20000000","currency":"MAD"}'
WINDOW=$(post /cofinancing/funds/$FUND/windows "$FM" window-1 "{\"name\":\"Promotion\",\"supportKind\":\"consortium-promotion\",\"openedOn\":\"2021-01-01\",\"schedule\":{\"effectiveFrom\":\"2021-01-01\",\"years\":[{\"rateBp\":7500,\"cap\":$CAP},{\"rateBp\":6000,\"cap\":$CAP},{\"rateBp\":5000,\"cap\":$CAP}],\"afterLastYear\":{\"rule\":\"ineligible\"}}}" | node -pe 'JSON.parse(require("fs").readFileSync(0)).windowId')
BEN=$(post /cofinancing/beneficiaries "$FM" ben-1 '{"name":"Consortium Fonoon Vitargan","kind":"export-consortium","enrolledOn":"2021-03-15","memberFirms":[{"name":"Cooperative Tifawin","womenOwned":true},{"name":"Argan Souss"}]}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).beneficiaryId')
GRANT=$(post /cofinancing/grants "$FM" grant-1 "{\"fundId\":\"$FUND\",\"windowId\":\"$WINDOW\",\"beneficiaryId\":\"$BEN\",\"serviceProvider\":\"Maroc Export\",\"description\":\"Stand at SIAL Paris\",\"eligibleCost\":{\"amountMinor\":\"18000000\",\"currency\":\"MAD\"},\"requestedOn\":\"2021-05-03\"}" | node -pe 'JSON.parse(require("fs").readFileSync(0)).grantId')
echo "--- approval"; post /cofinancing/grants/$GRANT/approval "$FM" approve-1 '{"approvedOn":"2021-05-10"}'; echo
echo "--- disbursement"; post /cofinancing/grants/$GRANT/disbursements "$FM" invoice-1 '{"invoiceReference":"INV-2021-017","invoiceDate":"2021-06-01","invoiceAmount":{"amountMinor":"12000000","currency":"MAD"},"disbursedOn":"2021-06-15"}'; echo
echo "--- fund"; curl -sf $API/cofinancing/funds/$FUND -H "Authorization: Bearer $FM"; echo
# 3. A Senegalese mutual guarantee company: 340,000,000 XOF fund, a convention worth 1,000,000,000 XOF of credit.
CO=$(post /guarantee-companies "$GO" co-1 '{"name":"SCM Thies","currency":"XOF","registeredOn":"2008-01-15"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).companyId')
M=$(post /guarantee-companies/$CO/members "$GO" m-1 '{"name":"GIE Transformation Cereales","admittedOn":"2008-01-20"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).memberId')
post /guarantee-companies/$CO/members/$M/capital-subscriptions "$GO" sub-1 '{"amount":{"amountMinor":"500000","currency":"XOF"},"subscribedOn":"2008-01-20"}' >/dev/null
post /guarantee-companies/$CO/members/$M/capital-payments "$GO" pay-1 '{"amount":{"amountMinor":"500000","currency":"XOF"},"paidOn":"2008-01-25"}' >/dev/null
post /guarantee-companies/$CO/fund-deposits "$GO" dep-1 '{"bankId":"CNCAS","amount":{"amountMinor":"340000000","currency":"XOF"},"termDepositReference":"DAT-2008-001","depositedOn":"2008-02-01"}' >/dev/null
CONV=$(post /bank-conventions "$GO" conv-1 "{\"companyId\":\"$CO\",\"bankId\":\"CNCAS\",\"multiplier\":\"1000000000/340000000\",\"coverageRateBp\":5000,\"ceilingBasis\":\"loan-principal\",\"validFrom\":\"2008-02-01\",\"validUntil\":\"2012-12-31\",\"signedOn\":\"2008-02-01\"}" | node -pe 'JSON.parse(require("fs").readFileSync(0)).conventionId')
echo "--- guarantee"; post /bank-conventions/$CONV/guarantees "$GO" g-1 "{\"memberId\":\"$M\",\"loanReference\":\"CNCAS-2008-0017\",\"principal\":{\"amountMinor\":\"25000000\",\"currency\":\"XOF\"},\"loanStartDate\":\"2008-03-01\",\"maturityDate\":\"2010-03-01\",\"issuedOn\":\"2008-03-01\"}"; echo
echo "--- bank: coverage and headroom"
curl -sf "$API/banks/CNCAS/loan-coverage?loanReference=CNCAS-2008-0017" -H "Authorization: Bearer $BANK"; echo
curl -sf "$API/banks/CNCAS/conventions/$CONV/headroom" -H "Authorization: Bearer $BANK"; echo
echo "--- another bank's view: 404"; curl -s -o /dev/null -w '%{http_code}\n' "$API/banks/CBAO/conventions" -H "Authorization: Bearer $BANK"
