#!/usr/bin/env bash
# Creates the throwaway PKI the signing tests use, with the openssl CLI only:
#   root -> intermediate -> signer1, signer2, revoked (revoked), expired (2020-2021),
#                           tsa (EKU timeStamping, critical), tsa-old (same, 2020-2021),
#                           ocsp (EKU OCSPSigning)
# Leaf certificates name OCSP-URL in their AIA and the intermediate names CRL-URL as its CDP:
# the tests run `openssl ocsp` on a loopback port chosen before this script, so that poppler's
# pdfsig (which queries the AIA responder itself) and our transport both reach it.
# PKCS#12 files use the password "test". Usage: make-test-pki.sh OUTDIR OCSP-URL CRL-URL
set -euo pipefail
out=${1:?usage: make-test-pki.sh OUTDIR OCSP-URL CRL-URL}
ocsp_url=${2:?OCSP URL}
crl_url=${3:?CRL URL}
mkdir -p "$out" && cd "$out"
[ -f done ] && exit 0

cat > ca.cnf <<CNF
[ca]
default_ca = ca_default
[ca_default]
dir = .
database = ./DBFILE
new_certs_dir = ./newcerts
serial = ./SERIALFILE
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
default_crl_days = 30
[policy_any]
commonName = supplied
organizationName = optional
countryName = optional
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[v3_inter]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:$crl_url
[v3_signer]
basicConstraints = critical, CA:false
keyUsage = critical, nonRepudiation, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:$ocsp_url
[v3_tsa]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:$ocsp_url
[v3_ocsp]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, OCSPSigning
noCheck = ignored
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null; }
subj() { printf '/C=VN/O=Chancery Test/CN=%s' "$1"; }
mkdir -p newcerts
for ca in root inter; do : > "$ca.index"; echo 1000 > "$ca.serial"; done
cnf() { sed -e "s/DBFILE/$1.index/" -e "s/SERIALFILE/$1.serial/" ca.cnf > "$1.cnf"; }
cnf root; cnf inter

key root
# The CAs start in 2019 so that signatures timestamped in 2020 (by the 2020-2021 certificates
# below) can be judged at their timestamp time.
openssl req -new -key root.key -subj "$(subj 'Chancery Test Root CA')" -config root.cnf -out root.csr
openssl ca -batch -selfsign -config root.cnf -keyfile root.key -extensions v3_root -in root.csr \
  -startdate 20190101000000Z -enddate 20361231235959Z -notext -out root.pem 2>/dev/null
# issue CA-NAME NAME EXT SUBJECT [extra openssl ca args]
issue() {
  local ca=$1 name=$2 ext=$3 cn=$4; shift 4
  key "$name"
  openssl req -new -utf8 -key "$name.key" -subj "$(subj "$cn")" -config "$ca.cnf" -out "$name.csr"
  openssl ca -batch -config "$ca.cnf" -cert "$ca.pem" -keyfile "$ca.key" -extensions "$ext" \
    -in "$name.csr" -out "$name.pem" -notext "$@" 2>/dev/null
}
issue root inter v3_inter 'Chancery Test Intermediate CA' -startdate 20190101000000Z -enddate 20361231235959Z
issue inter signer1 v3_signer 'Nguyễn Văn A' -days 730
issue inter signer2 v3_signer 'UBND tỉnh Bắc An' -days 730
issue inter revoked v3_signer 'Trần Thị Revoked' -days 730
issue inter expired v3_signer 'Lê Văn Expired' -startdate 20200101000000Z -enddate 20210101000000Z
issue inter tsa v3_tsa 'Chancery Test TSA' -days 730
issue inter tsa-old v3_tsa 'Chancery Test TSA 2020' -startdate 20200101000000Z -enddate 20210101000000Z
issue inter ocsp v3_ocsp 'Chancery Test OCSP Responder' -days 730
openssl ca -batch -config inter.cnf -cert inter.pem -keyfile inter.key -revoke revoked.pem \
  -crl_reason keyCompromise 2>/dev/null
openssl ca -batch -config root.cnf -cert root.pem -keyfile root.key -gencrl -out root.crl.pem 2>/dev/null
openssl crl -in root.crl.pem -outform DER -out root.crl
openssl ca -batch -config inter.cnf -cert inter.pem -keyfile inter.key -gencrl -out inter.crl.pem 2>/dev/null

cat inter.pem root.pem > chain.pem
for n in signer1 signer2 revoked expired tsa; do
  openssl pkcs12 -export -inkey "$n.key" -in "$n.pem" -certfile chain.pem -passout pass:test \
    -out "$n.p12"
  openssl pkcs8 -topk8 -nocrypt -in "$n.key" -outform DER -out "$n.key.der"
done
touch done
