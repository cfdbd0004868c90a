
use builtin;
use str;

set edit:completion:arg-completer[mailctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'mailctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'mailctl'= {
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand smtp 'SMTP and LMTP: send test mail, probe a server'
            cand pop3 'POP3 (RFC 1939): look into a mailbox, retrieve messages, delete only when asked'
            cand imap 'IMAP (RFC 9051 / RFC 3501): list mailboxes, search and fetch read-only, watch with IDLE'
            cand dns 'DNS checks for mail: MX, SPF, DMARC, DKIM keys, MTA-STS, TLS-RPT, BIMI, and a full audit'
            cand dkim 'DKIM: verify signatures with reasons you can act on, sign test mail, generate keys'
            cand dmarc 'DMARC (RFC 7489): evaluate a received message: SPF, DKIM, alignment and the policy'
            cand check 'Health checks for monitoring, CI and cron: a verdict with thresholds, Nagios and Prometheus output, exit codes 0 OK / 1 WARNING / 2 CRITICAL / 3 UNKNOWN'
            cand audit 'Is a domain''s mail set up right, end to end: DNS records, then every MX address probed live (STARTTLS, certificate, DANE, reverse DNS), findings by severity'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;smtp'= {
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
            cand send 'Send a message (or probe with --quit-after), showing the whole dialogue'
            cand sink 'Receive mail: a local SMTP/LMTP server that takes every message (like Postfix''s smtp-sink) and shows each connection''s dialogue from the server side (C: the client, S: the sink)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;smtp;send'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -f 'Envelope sender (MAIL FROM). `<>` or "" for the null sender. Default: $USER@HOSTNAME'
            cand --from 'Envelope sender (MAIL FROM). `<>` or "" for the null sender. Default: $USER@HOSTNAME'
            cand -t 'Recipient (repeatable, or comma-separated)'
            cand --to 'Recipient (repeatable, or comma-separated)'
            cand --cc 'Carbon-copy recipient: in the envelope and the Cc header (repeatable)'
            cand --bcc 'Blind recipient: in the envelope only (repeatable)'
            cand --helo 'Name to send with EHLO/HELO/LHLO. Default: this machine''s host name'
            cand -a 'Authenticate (needs --user; --user alone authenticates as with `--auth auto`). `auto` picks the strongest mechanism offered'
            cand --auth 'Authenticate (needs --user; --user alone authenticates as with `--auth auto`). `auto` picks the strongest mechanism offered'
            cand --subject 'Subject of the generated message'
            cand --body 'Text body of the generated message'
            cand --body-file 'Read the text body from a file'
            cand -H 'Extra header, ''Name: value'' (repeatable). Replaces the generated header of the same name'
            cand --header 'Extra header, ''Name: value'' (repeatable). Replaces the generated header of the same name'
            cand --attach 'Attach a file (repeatable); the content type is guessed from the file name'
            cand --data 'Send this file as the whole message, as is (`-` for stdin). Line endings become CRLF and leading dots are doubled on the wire'
            cand --notify 'Ask for delivery status notifications (DSN, RFC 3461) for every recipient: `never`, or any of `success`, `failure`, `delay` (comma-separated). Also sends ORCPT (the recipient as given). A server without DSN is exit 18 (capability): nothing is sent'
            cand --ret 'DSN: return the full message (`full`) or only its headers (`hdrs`) in a notification'
            cand --envid 'DSN: an envelope identifier returned in every notification (printable ASCII)'
            cand --quit-after 'Stop after this step and QUIT (for probing a server without sending mail)'
            cand --dkim-key 'DKIM-sign the message with this private key (PEM) before sending'
            cand --dkim-selector 'DKIM selector (s=) for --dkim-key'
            cand --dkim-domain 'DKIM signing domain (d=). Default: the domain of --from'
            cand --count 'Load mode: send N messages (a new session per message unless --per-session), then print messages/s, latency percentiles per phase and errors by reply code and phase. Only the first session''s transcript is shown (--transcript all for every session). Ctrl-C ends the run early with the summary so far (exit 130): the first lets the messages in flight finish, a second drops them'
            cand --concurrency 'Load mode: sessions open at once. Default 1'
            cand --per-session 'Load mode: send up to M messages per session (the next MAIL follows the previous reply; RSET after a refused transaction). Default 1: a new session per message'
            cand --rate 'Load mode: start at most R messages per second (e.g. 50, 50/s, 600/m). Default: no limit'
            cand --size 'Load mode: generate each message padded to exactly this many bytes (e.g. 1024, 1k, 2M; k = 1024), with its own Message-ID. Without --size the message options above are used; a generated message still gets its own Message-ID, a --data file is sent as is'
            cand --transcript 'Load mode: whose dialogue to show: the first session''s, or every session''s (each transaction shown as one block)'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --lmtp 'Speak LMTP (RFC 2033): LHLO, and one reply per recipient after the message'
            cand --no-pipelining 'Do not pipeline commands, even when the server offers PIPELINING'
            cand --bdat 'Send the message with BDAT (CHUNKING, RFC 3030) instead of DATA. A server without CHUNKING is exit 18 (capability): nothing is sent, the session ends with QUIT'
            cand --show-data 'Show the message body line by line in the transcript instead of a size summary'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;smtp;sink'= {
            cand --listen 'Address to listen on: IP:PORT, [IPv6]:PORT (port 0: any free port, shown at start)'
            cand --hostname 'Our name in the greeting, the EHLO reply and the Received: header. Default: this machine''s host name'
            cand --cert 'Server certificate chain (PEM, leaf first): offers STARTTLS (or --tls)'
            cand --key 'Private key for --cert (PEM: PKCS#8, PKCS#1 or SEC1)'
            cand --auth-user 'Accept AUTH (PLAIN, LOGIN, CRAM-MD5) only as this user; the password comes from --auth-password-env, --auth-password-file or MAILCTL_PASSWORD, never the command line'
            cand --auth-password-env 'Read --auth-user''s password from this environment variable'
            cand --auth-password-file 'Read --auth-user''s password from the first line of this file'
            cand --maildir 'Store each message in this Maildir (new/, through tmp/; created if missing)'
            cand --dir 'Store each message in this directory as NAME.eml, with its envelope (sender, recipients, EHLO name, client address, TLS, AUTH user, parameters, time) in NAME.json'
            cand --reply 'Scripted reply, repeatable: STAGE[:MATCH]=CODE[ TEXT]. Stages: banner, ehlo, helo, auth, mail, rcpt, data (the reply to DATA itself), dot (after the message; MATCH is checked against each recipient, and in LMTP sets that recipient''s own reply), bdat, rset, quit, starttls. MATCH (up to the first `=`) applies the reply only when the command''s argument contains it, ignoring case. The first matching --reply wins. E.g. `banner=554`, `rcpt:bob@=450 4.2.1 try later`, `dot=552`'
            cand --max-size 'Largest message taken (SIZE, RFC 1870): advertised, and a bigger one is read to its end and refused with 552 (e.g. 10M, 512k)'
            cand --max-rcpt 'Most recipients per message; more get 452 (RFC 5321 §4.5.3.1.10)'
            cand --timeout 'How long a client may take to send a command (and each 16 KiB of a message) before its connection is dropped (RFC 5321 §4.5.3.2.7: 5 minutes)'
            cand --max-connections 'Connections served at once; one more is answered 421 and closed'
            cand --max 'Stop after this many messages were taken (the connections still open may finish)'
            cand --max-time 'Stop after this long (e.g. 30s, 10m)'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --lmtp 'Speak LMTP (RFC 2033): LHLO, and one reply per recipient after the message'
            cand --tls 'Implicit TLS (SMTPS): every connection starts with a TLS handshake. Needs --cert/--key'
            cand --auth-any 'Accept AUTH with any user name and password'
            cand --auth-plaintext 'Offer AUTH without TLS too (by default only after STARTTLS or with --tls)'
            cand --show-data 'Show each message line in the transcript instead of a size summary'
            cand --show-secrets 'Show clients'' AUTH payloads instead of `***`'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;smtp;help'= {
            cand send 'Send a message (or probe with --quit-after), showing the whole dialogue'
            cand sink 'Receive mail: a local SMTP/LMTP server that takes every message (like Postfix''s smtp-sink) and shows each connection''s dialogue from the server side (C: the client, S: the sink)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;smtp;help;send'= {
        }
        &'mailctl;smtp;help;sink'= {
        }
        &'mailctl;smtp;help;help'= {
        }
        &'mailctl;pop3'= {
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
            cand capa 'Show the server''s capabilities (CAPA, RFC 2449); logs in only if --user is given'
            cand stat 'Number of messages and total size (STAT)'
            cand list 'Message numbers and sizes (LIST), all or one'
            cand uidl 'Message numbers and unique ids (UIDL), all or one'
            cand retr 'Retrieve one message (RETR), streamed to stdout or a file as it arrives'
            cand top 'Headers and the first LINES lines of the body (TOP)'
            cand dele 'Delete messages (DELE, committed by QUIT). The only subcommand that deletes'
            cand noop 'Log in and send NOOP: a login check'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;pop3;capa'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --auth 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --apop 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
            cand --show-data 'Show message bodies in the transcript line by line instead of a size summary'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;pop3;stat'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --auth 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --apop 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
            cand --show-data 'Show message bodies in the transcript line by line instead of a size summary'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;pop3;list'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --auth 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --apop 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
            cand --show-data 'Show message bodies in the transcript line by line instead of a size summary'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;pop3;uidl'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --auth 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --apop 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
            cand --show-data 'Show message bodies in the transcript line by line instead of a size summary'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;pop3;retr'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --auth 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand -o 'Write the message to FILE instead of stdout'
            cand --output 'Write the message to FILE instead of stdout'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --apop 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
            cand --show-data 'Show message bodies in the transcript line by line instead of a size summary'
            cand --uid 'Take MSG as a UIDL unique id'
            cand --force 'Overwrite FILE if it exists'
            cand --delete 'Delete the message on the server after it was completely written and synced to disk. To stdout only when stdout is a regular file (> FILE); refused for a pipe or terminal'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;pop3;top'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --auth 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --apop 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
            cand --show-data 'Show message bodies in the transcript line by line instead of a size summary'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;pop3;dele'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --auth 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --apop 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
            cand --show-data 'Show message bodies in the transcript line by line instead of a size summary'
            cand --uid 'Take the arguments as UIDL unique ids'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;pop3;noop'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --auth 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --apop 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
            cand --show-data 'Show message bodies in the transcript line by line instead of a size summary'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;pop3;help'= {
            cand capa 'Show the server''s capabilities (CAPA, RFC 2449); logs in only if --user is given'
            cand stat 'Number of messages and total size (STAT)'
            cand list 'Message numbers and sizes (LIST), all or one'
            cand uidl 'Message numbers and unique ids (UIDL), all or one'
            cand retr 'Retrieve one message (RETR), streamed to stdout or a file as it arrives'
            cand top 'Headers and the first LINES lines of the body (TOP)'
            cand dele 'Delete messages (DELE, committed by QUIT). The only subcommand that deletes'
            cand noop 'Log in and send NOOP: a login check'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;pop3;help;capa'= {
        }
        &'mailctl;pop3;help;stat'= {
        }
        &'mailctl;pop3;help;list'= {
        }
        &'mailctl;pop3;help;uidl'= {
        }
        &'mailctl;pop3;help;retr'= {
        }
        &'mailctl;pop3;help;top'= {
        }
        &'mailctl;pop3;help;dele'= {
        }
        &'mailctl;pop3;help;noop'= {
        }
        &'mailctl;pop3;help;help'= {
        }
        &'mailctl;imap'= {
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
            cand capability 'Show the server''s capabilities (before and, with --user, after login)'
            cand list 'List mailboxes (LIST), optionally with STATUS counters per mailbox'
            cand select 'Open a mailbox read-only (EXAMINE) and show what the server reports about it'
            cand search 'Search a mailbox (read-only) and print the matching message numbers (UIDs with --uid)'
            cand fetch 'Fetch messages read-only (BODY.PEEK: \Seen is not set unless --mark-seen)'
            cand idle 'Wait for new mail with IDLE (RFC 2177) and print each event until interrupted or --for'
            cand raw 'Log in, send one command and show the tagged reply (and untagged data)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;imap;capability'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --auth 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --show-data 'Show message data in the transcript instead of a size summary'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;imap;list'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --auth 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --show-data 'Show message data in the transcript instead of a size summary'
            cand --status 'Add MESSAGES, UNSEEN, RECENT, UIDNEXT and UIDVALIDITY for each mailbox (STATUS)'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;imap;select'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --auth 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --show-data 'Show message data in the transcript instead of a size summary'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;imap;search'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --auth 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --show-data 'Show message data in the transcript instead of a size summary'
            cand --uid 'Return UIDs (UID SEARCH)'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;imap;fetch'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --auth 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --part 'Write one body section (e.g. 1, 1.2, HEADER, TEXT) of each message'
            cand -o 'Output: a directory for --full; a file for --part (default stdout)'
            cand --output 'Output: a directory for --full; a file for --part (default stdout)'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --show-data 'Show message data in the transcript instead of a size summary'
            cand --headers 'Show the header table (the default)'
            cand --full 'Write each whole message as DIR/<UID>.eml'
            cand --force 'Overwrite existing files'
            cand --uid 'The set is UIDs (UID FETCH)'
            cand --mark-seen 'Fetch with BODY[] instead of BODY.PEEK[]: the server marks the messages \Seen'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;imap;idle'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --auth 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --for 'Stop after this long (e.g. 30s, 5m)'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --show-data 'Show message data in the transcript instead of a size summary'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;imap;raw'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand -a 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --auth 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --show-data 'Show message data in the transcript instead of a size summary'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;imap;help'= {
            cand capability 'Show the server''s capabilities (before and, with --user, after login)'
            cand list 'List mailboxes (LIST), optionally with STATUS counters per mailbox'
            cand select 'Open a mailbox read-only (EXAMINE) and show what the server reports about it'
            cand search 'Search a mailbox (read-only) and print the matching message numbers (UIDs with --uid)'
            cand fetch 'Fetch messages read-only (BODY.PEEK: \Seen is not set unless --mark-seen)'
            cand idle 'Wait for new mail with IDLE (RFC 2177) and print each event until interrupted or --for'
            cand raw 'Log in, send one command and show the tagged reply (and untagged data)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;imap;help;capability'= {
        }
        &'mailctl;imap;help;list'= {
        }
        &'mailctl;imap;help;select'= {
        }
        &'mailctl;imap;help;search'= {
        }
        &'mailctl;imap;help;fetch'= {
        }
        &'mailctl;imap;help;idle'= {
        }
        &'mailctl;imap;help;raw'= {
        }
        &'mailctl;imap;help;help'= {
        }
        &'mailctl;dns'= {
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
            cand mx 'MX records by preference with each host''s addresses; null MX (RFC 7505), implicit MX, MX pointing at a CNAME or an IP address'
            cand spf 'The SPF record and its include/redirect tree with lookup counts; with --ip, the RFC 7208 result for that client'
            cand dmarc 'The DMARC record (organizational-domain fallback), every tag with its effective value, and external report authorization for rua/ruf outside the domain'
            cand dkim 'DKIM public keys: type, size, flags, revoked or unusable keys'
            cand mta-sts 'The MTA-STS TXT record (_mta-sts)'
            cand tls-rpt 'The SMTP TLS reporting record (_smtp._tls)'
            cand bimi 'The BIMI record (<selector>._bimi)'
            cand check 'Everything above for each domain, concurrently, with findings by severity and a summary'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;dns;mx'= {
            cand --nameserver 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)'
            cand --timeout 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query'
            cand --max-time 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --tcp 'Ask over TCP only'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'mailctl;dns;spf'= {
            cand --nameserver 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)'
            cand --timeout 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query'
            cand --max-time 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound'
            cand --ip 'Evaluate for this client IP (check_host, RFC 7208 §4)'
            cand --sender 'MAIL FROM address for the evaluation (default postmaster@DOMAIN; "" for the null sender)'
            cand --helo 'HELO/EHLO name for the evaluation'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --tcp 'Ask over TCP only'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'mailctl;dns;dmarc'= {
            cand --nameserver 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)'
            cand --timeout 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query'
            cand --max-time 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --tcp 'Ask over TCP only'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'mailctl;dns;dkim'= {
            cand --nameserver 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)'
            cand --timeout 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query'
            cand --max-time 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --tcp 'Ask over TCP only'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'mailctl;dns;mta-sts'= {
            cand --nameserver 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)'
            cand --timeout 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query'
            cand --max-time 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --tcp 'Ask over TCP only'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'mailctl;dns;tls-rpt'= {
            cand --nameserver 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)'
            cand --timeout 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query'
            cand --max-time 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --tcp 'Ask over TCP only'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'mailctl;dns;bimi'= {
            cand --nameserver 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)'
            cand --timeout 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query'
            cand --max-time 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound'
            cand --selector 'BIMI selector: the record is looked up at SELECTOR._bimi.DOMAIN'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --tcp 'Ask over TCP only'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'mailctl;dns;check'= {
            cand --nameserver 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)'
            cand --timeout 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query'
            cand --max-time 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound'
            cand --selector 'DKIM selectors to check (repeatable or comma-separated)'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --tcp 'Ask over TCP only'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'mailctl;dns;help'= {
            cand mx 'MX records by preference with each host''s addresses; null MX (RFC 7505), implicit MX, MX pointing at a CNAME or an IP address'
            cand spf 'The SPF record and its include/redirect tree with lookup counts; with --ip, the RFC 7208 result for that client'
            cand dmarc 'The DMARC record (organizational-domain fallback), every tag with its effective value, and external report authorization for rua/ruf outside the domain'
            cand dkim 'DKIM public keys: type, size, flags, revoked or unusable keys'
            cand mta-sts 'The MTA-STS TXT record (_mta-sts)'
            cand tls-rpt 'The SMTP TLS reporting record (_smtp._tls)'
            cand bimi 'The BIMI record (<selector>._bimi)'
            cand check 'Everything above for each domain, concurrently, with findings by severity and a summary'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;dns;help;mx'= {
        }
        &'mailctl;dns;help;spf'= {
        }
        &'mailctl;dns;help;dmarc'= {
        }
        &'mailctl;dns;help;dkim'= {
        }
        &'mailctl;dns;help;mta-sts'= {
        }
        &'mailctl;dns;help;tls-rpt'= {
        }
        &'mailctl;dns;help;bimi'= {
        }
        &'mailctl;dns;help;check'= {
        }
        &'mailctl;dns;help;help'= {
        }
        &'mailctl;dkim'= {
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
            cand verify 'Verify the DKIM signatures of messages: .eml files, a directory of them, a Maildir (cur/ and new/), an mbox file, or stdin (`-`). One line per message and a summary; every signature with its tags, key lookup and a reason a person can act on'
            cand sign 'Sign a message (RSA-SHA256 or Ed25519-SHA256, relaxed/relaxed) and write it to stdout'
            cand keygen 'Generate a signing key and print the DNS TXT record to publish'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;dkim;verify'= {
            cand --nameserver 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)'
            cand --timeout 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query'
            cand --max-time 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound'
            cand --at 'Verify as of this time instead of now, for mail that was valid when it arrived: the x= expiry and the future-t= check use it. RFC 3339 (2026-01-05T10:00:00Z) or Unix seconds'
            cand --key 'Use this key instead of DNS for SELECTOR._domainkey.DOMAIN, e.g. to verify before publishing: a PEM public key (PUBLIC KEY or RSA PUBLIC KEY) or the TXT record text (zone-file quoted strings are joined). No DNS query is made for that name. Repeatable'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --tcp 'Ask over TCP only'
            cand --debug-canon 'Show the canonicalized header block and body hash input of each signature'
            cand --arc 'Also validate the ARC chain (RFC 8617)'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'mailctl;dkim;sign'= {
            cand --key 'Private key (PEM, PKCS#8 or PKCS#1), as written by `dkim keygen`'
            cand --selector 'Selector (s=): the key is published at SELECTOR._domainkey.DOMAIN'
            cand --domain 'Signing domain (d=)'
            cand --headers 'Headers to sign (comma-separated). Default: those of From, To, Cc, Subject, Date, Message-ID, Reply-To, In-Reply-To, References, MIME-Version and Content-Type that the message has (others, such as List-Id, are not signed unless named here)'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'mailctl;dkim;keygen'= {
            cand --algo 'Key type: rsa (signs rsa-sha256) or ed25519 (ed25519-sha256, RFC 8463; not every verifier supports it yet)'
            cand --bits 'RSA key size (2048 to 4096: what the signer supports, and RFC 8301 wants >= 1024)'
            cand --selector 'Selector: the TXT record is printed for SELECTOR._domainkey.DOMAIN'
            cand --domain 'Domain the key signs for (d=)'
            cand -o 'Where to write the private key (PEM, mode 0600)'
            cand --output 'Where to write the private key (PEM, mode 0600)'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --force 'Overwrite an existing key file'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'mailctl;dkim;help'= {
            cand verify 'Verify the DKIM signatures of messages: .eml files, a directory of them, a Maildir (cur/ and new/), an mbox file, or stdin (`-`). One line per message and a summary; every signature with its tags, key lookup and a reason a person can act on'
            cand sign 'Sign a message (RSA-SHA256 or Ed25519-SHA256, relaxed/relaxed) and write it to stdout'
            cand keygen 'Generate a signing key and print the DNS TXT record to publish'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;dkim;help;verify'= {
        }
        &'mailctl;dkim;help;sign'= {
        }
        &'mailctl;dkim;help;keygen'= {
        }
        &'mailctl;dkim;help;help'= {
        }
        &'mailctl;dmarc'= {
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
            cand evaluate 'Evaluate DMARC for a message as the receiving server would (RFC 7489): SPF for the client IP and MAIL FROM, every DKIM signature, identifier alignment with the From domain, and the domain''s policy; prints an Authentication-Results header (RFC 8601) and why'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;dmarc;evaluate'= {
            cand --nameserver 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)'
            cand --timeout 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query'
            cand --max-time 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound'
            cand --ip 'The SMTP client''s IP address'
            cand --mail-from 'The SMTP MAIL FROM address ("" for the null sender: SPF then checks the HELO name)'
            cand --helo 'The HELO/EHLO name the client gave (default: the MAIL FROM domain; required for the null sender)'
            cand --at 'Verify as of this time instead of now, for mail that was valid when it arrived: the x= expiry and the future-t= check use it. RFC 3339 (2026-01-05T10:00:00Z) or Unix seconds'
            cand --key 'Use this key instead of DNS for SELECTOR._domainkey.DOMAIN, e.g. to verify before publishing: a PEM public key (PUBLIC KEY or RSA PUBLIC KEY) or the TXT record text (zone-file quoted strings are joined). No DNS query is made for that name. Repeatable'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --tcp 'Ask over TCP only'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'mailctl;dmarc;help'= {
            cand evaluate 'Evaluate DMARC for a message as the receiving server would (RFC 7489): SPF for the client IP and MAIL FROM, every DKIM signature, identifier alignment with the From domain, and the domain''s policy; prints an Authentication-Results header (RFC 8601) and why'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;dmarc;help;evaluate'= {
        }
        &'mailctl;dmarc;help;help'= {
        }
        &'mailctl;check'= {
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
            cand smtp 'Check an SMTP server: connect, greeting, EHLO, STARTTLS, AUTH (with --user), and with --send-test MAIL FROM / RCPT TO then RSET (no message is sent)'
            cand imap 'Check an IMAP server: connect, greeting, STARTTLS, CAPABILITY, and LOGIN (or AUTHENTICATE with --auth) when --user is given'
            cand pop3 'Check a POP3 server: connect, greeting, CAPA, STLS, and a login (USER/PASS, --apop or --auth) when --user is given'
            cand roundtrip 'Send a message with a unique token through SMTP submission, wait for it in the mailbox (IMAP or POP3), report the delivery latency, then delete only that message'
            cand domain 'Audit a domain''s mail for monitoring: the `mailctl audit` engine (DNS records, DNSSEC, every MX address probed with STARTTLS, certificate, DANE and reverse DNS, the RFC 6186 services) as one check. A finding of severity error is CRITICAL, a warning WARNING; the certificate closest to expiry among those presented is held to --cert-warn-days and --cert-crit-days, the whole audit''s time to --warn and --crit'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;check;smtp'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand --target 'Another server to check, HOST[:PORT] (repeatable); all targets (with --server and --targets) are checked concurrently with the same options'
            cand --targets 'A TOML file of targets: one [[target]] table each, with `server` and optional overrides (name, protocol, port, tls, starttls, sni, user, password_env, password_file, auth, apop, timeout, connect_timeout, max_time, warn, crit, warn_phase, crit_phase, cert_warn_days, cert_crit_days, expect_banner, helo, send_test, from, to)'
            cand -a 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)'
            cand --auth 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)'
            cand --expect-banner 'The server greeting must match this regular expression (searched in the greeting lines, e.g. ''^220 mx1\.example\.org ''); if it does not, the check is CRITICAL and nothing more is sent (no credentials to a server that is not the one expected)'
            cand --warn 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns'
            cand --crit 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)'
            cand --warn-phase 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup'
            cand --crit-phase 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)'
            cand --cert-warn-days 'WARNING when the server certificate expires in fewer days than this'
            cand --cert-crit-days 'CRITICAL when the server certificate expires in fewer days than this'
            cand --format 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter''s textfile collector; `json`: the transcript events (with `target`) and a summary'
            cand --transcript-on-failure 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone'
            cand --helo 'Name to send with EHLO/HELO. Default: this machine''s host name'
            cand -f 'Envelope sender for --send-test. Default: $USER@HOSTNAME'
            cand --from 'Envelope sender for --send-test. Default: $USER@HOSTNAME'
            cand -t 'Recipient for --send-test'
            cand --to 'Recipient for --send-test'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --send-test 'Also test a transaction: MAIL FROM and RCPT TO, then RSET (no DATA, nothing is sent)'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;check;imap'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand --target 'Another server to check, HOST[:PORT] (repeatable); all targets (with --server and --targets) are checked concurrently with the same options'
            cand --targets 'A TOML file of targets: one [[target]] table each, with `server` and optional overrides (name, protocol, port, tls, starttls, sni, user, password_env, password_file, auth, apop, timeout, connect_timeout, max_time, warn, crit, warn_phase, crit_phase, cert_warn_days, cert_crit_days, expect_banner, helo, send_test, from, to)'
            cand -a 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)'
            cand --auth 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)'
            cand --expect-banner 'The server greeting must match this regular expression (searched in the greeting lines, e.g. ''^220 mx1\.example\.org ''); if it does not, the check is CRITICAL and nothing more is sent (no credentials to a server that is not the one expected)'
            cand --warn 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns'
            cand --crit 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)'
            cand --warn-phase 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup'
            cand --crit-phase 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)'
            cand --cert-warn-days 'WARNING when the server certificate expires in fewer days than this'
            cand --cert-crit-days 'CRITICAL when the server certificate expires in fewer days than this'
            cand --format 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter''s textfile collector; `json`: the transcript events (with `target`) and a summary'
            cand --transcript-on-failure 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;check;pop3'= {
            cand -s 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand --server 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT'
            cand -p 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --port 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)'
            cand --timeout 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received'
            cand --connect-timeout 'How long to wait for the TCP connection. Default: --timeout'
            cand --max-time 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify, when it differs from the host connected to'
            cand --nameserver 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice'
            cand -u 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --user 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line'
            cand --password-env 'Read the password (or OAuth token) from this environment variable'
            cand --password-file 'Read the password (or OAuth token) from the first line of this file'
            cand --target 'Another server to check, HOST[:PORT] (repeatable); all targets (with --server and --targets) are checked concurrently with the same options'
            cand --targets 'A TOML file of targets: one [[target]] table each, with `server` and optional overrides (name, protocol, port, tls, starttls, sni, user, password_env, password_file, auth, apop, timeout, connect_timeout, max_time, warn, crit, warn_phase, crit_phase, cert_warn_days, cert_crit_days, expect_banner, helo, send_test, from, to)'
            cand -a 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)'
            cand --auth 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)'
            cand --expect-banner 'The server greeting must match this regular expression (searched in the greeting lines, e.g. ''^220 mx1\.example\.org ''); if it does not, the check is CRITICAL and nothing more is sent (no credentials to a server that is not the one expected)'
            cand --warn 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns'
            cand --crit 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)'
            cand --warn-phase 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup'
            cand --crit-phase 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)'
            cand --cert-warn-days 'WARNING when the server certificate expires in fewer days than this'
            cand --cert-crit-days 'CRITICAL when the server certificate expires in fewer days than this'
            cand --format 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter''s textfile collector; `json`: the transcript events (with `target`) and a summary'
            cand --transcript-on-failure 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --tls 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
            cand --starttls 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
            cand --insecure 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
            cand --show-secrets 'Show authentication payloads instead of `***`'
            cand --apop 'Log in with APOP (RFC 1939 §7)'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;check;roundtrip'= {
            cand --smtp-server 'SMTP submission server, HOST[:PORT] (default port 587)'
            cand --smtp-security 'TLS for the SMTP side. Default: tls for port 465, starttls otherwise'
            cand --imap-server 'IMAP server holding the mailbox, HOST[:PORT] (default port 993)'
            cand --pop3-server 'POP3 server holding the mailbox, HOST[:PORT] (default port 995)'
            cand --mailbox-security 'TLS for the mailbox side. Default: tls for ports 993 and 995, starttls otherwise'
            cand --mailbox 'IMAP mailbox to watch (default INBOX)'
            cand -u 'User name for SMTP AUTH and the mailbox login. The password comes from --password-env, --password-file, MAILCTL_PASSWORD or a prompt'
            cand --user 'User name for SMTP AUTH and the mailbox login. The password comes from --password-env, --password-file, MAILCTL_PASSWORD or a prompt'
            cand --password-env 'Read the password from this environment variable'
            cand --password-file 'Read the password from the first line of this file'
            cand -a 'SASL mechanism for SMTP AUTH and the mailbox login (default: SMTP the strongest offered, IMAP LOGIN, POP3 USER/PASS)'
            cand --auth 'SASL mechanism for SMTP AUTH and the mailbox login (default: SMTP the strongest offered, IMAP LOGIN, POP3 USER/PASS)'
            cand -f 'Envelope and header sender. Default: --user'
            cand --from 'Envelope and header sender. Default: --user'
            cand -t 'Recipient: whose mailbox --user opens. Default: --user'
            cand --to 'Recipient: whose mailbox --user opens. Default: --user'
            cand --helo 'Name to send with EHLO. Default: this machine''s host name'
            cand --deadline 'How long to wait for the message to arrive, from the moment SMTP accepted it'
            cand --poll 'How often to look for the message (IMAP without IDLE, POP3)'
            cand --timeout 'How long to wait for each server reply (and each write); again after every 16 KiB of bulk data received'
            cand --connect-timeout 'How long to wait for each TCP connection. Default: --timeout'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots'
            cand --sni 'TLS server name to send and verify on both sides, when it differs from the hosts'
            cand --nameserver 'DNS server for host lookups, IP[:PORT] (repeatable). Default: the system resolver'
            cand --warn 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns'
            cand --crit 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)'
            cand --warn-phase 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup'
            cand --crit-phase 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)'
            cand --cert-warn-days 'WARNING when the server certificate expires in fewer days than this'
            cand --cert-crit-days 'CRITICAL when the server certificate expires in fewer days than this'
            cand --format 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter''s textfile collector; `json`: the transcript events (with `target`) and a summary'
            cand --transcript-on-failure 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --keep 'Leave the test message in the mailbox'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --insecure 'Do NOT verify the server certificates (warned about on stderr every time)'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;check;domain'= {
            cand --nameserver 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)'
            cand --timeout 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query'
            cand --max-time 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound'
            cand --selector 'DKIM selectors whose keys to check (repeatable or comma-separated)'
            cand --connect-to 'Connect to HOST2:PORT2 whenever the audit would connect to HOST1:PORT1 (curl''s syntax; repeatable, the first match wins). HOST1 is an MX name or one of its addresses; an empty part matches any (HOST1, PORT1) or keeps the original (HOST2, PORT2): `:25::2525` sends every port-25 probe to port 2525 of the same address. Certificates are still checked against the MX name. Test a new MX before DNS points at it'
            cand --repeat 'Probe each MX address N times, one after another, and report what differs between the connections (STARTTLS offered only sometimes, a 421, a different certificate)'
            cand --concurrency 'How many MX addresses to probe at once'
            cand --relay-addrs 'The outside sender and recipient of --relay-test'
            cand --ehlo 'Name to send in EHLO. Default: this machine''s host name'
            cand --probe-timeout 'How long to wait for each server reply in a probe'
            cand --connect-timeout 'How long to wait for each TCP connection. Default: 10s'
            cand --cert-days 'Warn when an MX certificate has fewer days left than this'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots (repeatable)'
            cand --trust-anchor 'Trust these DNSKEY records (a file in zone-file format) instead of the root zone''s keys when validating DNSSEC: for private or test zones'
            cand --warn 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns'
            cand --crit 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)'
            cand --warn-phase 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup'
            cand --crit-phase 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)'
            cand --cert-warn-days 'WARNING when the server certificate expires in fewer days than this'
            cand --cert-crit-days 'CRITICAL when the server certificate expires in fewer days than this'
            cand --format 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter''s textfile collector; `json`: the transcript events (with `target`) and a summary'
            cand --transcript-on-failure 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --tcp 'Ask over TCP only'
            cand --no-probe 'Check DNS only: do not connect to the MX hosts'
            cand --relay-test 'After EHLO, try MAIL FROM an outside address and RCPT TO another outside address, then RSET; never DATA. Only on your own domains. A 250 to RCPT alone is no proof of an open relay: the server may still refuse after DATA'
            cand --no-dnssec 'Do not validate DNSSEC (TLSA records are then judged as published, with a finding saying so)'
            cand --transcript 'Show every probe''s dialogue (C:/S: lines, timed) in the human output; JSON always has it'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --ignore-warnings 'Warnings do not make the check WARNING (errors still make it CRITICAL)'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailctl;check;help'= {
            cand smtp 'Check an SMTP server: connect, greeting, EHLO, STARTTLS, AUTH (with --user), and with --send-test MAIL FROM / RCPT TO then RSET (no message is sent)'
            cand imap 'Check an IMAP server: connect, greeting, STARTTLS, CAPABILITY, and LOGIN (or AUTHENTICATE with --auth) when --user is given'
            cand pop3 'Check a POP3 server: connect, greeting, CAPA, STLS, and a login (USER/PASS, --apop or --auth) when --user is given'
            cand roundtrip 'Send a message with a unique token through SMTP submission, wait for it in the mailbox (IMAP or POP3), report the delivery latency, then delete only that message'
            cand domain 'Audit a domain''s mail for monitoring: the `mailctl audit` engine (DNS records, DNSSEC, every MX address probed with STARTTLS, certificate, DANE and reverse DNS, the RFC 6186 services) as one check. A finding of severity error is CRITICAL, a warning WARNING; the certificate closest to expiry among those presented is held to --cert-warn-days and --cert-crit-days, the whole audit''s time to --warn and --crit'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;check;help;smtp'= {
        }
        &'mailctl;check;help;imap'= {
        }
        &'mailctl;check;help;pop3'= {
        }
        &'mailctl;check;help;roundtrip'= {
        }
        &'mailctl;check;help;domain'= {
        }
        &'mailctl;check;help;help'= {
        }
        &'mailctl;audit'= {
            cand --nameserver 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)'
            cand --timeout 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query'
            cand --max-time 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound'
            cand --selector 'DKIM selectors whose keys to check (repeatable or comma-separated)'
            cand --connect-to 'Connect to HOST2:PORT2 whenever the audit would connect to HOST1:PORT1 (curl''s syntax; repeatable, the first match wins). HOST1 is an MX name or one of its addresses; an empty part matches any (HOST1, PORT1) or keeps the original (HOST2, PORT2): `:25::2525` sends every port-25 probe to port 2525 of the same address. Certificates are still checked against the MX name. Test a new MX before DNS points at it'
            cand --repeat 'Probe each MX address N times, one after another, and report what differs between the connections (STARTTLS offered only sometimes, a 421, a different certificate)'
            cand --concurrency 'How many MX addresses to probe at once'
            cand --relay-addrs 'The outside sender and recipient of --relay-test'
            cand --ehlo 'Name to send in EHLO. Default: this machine''s host name'
            cand --probe-timeout 'How long to wait for each server reply in a probe'
            cand --connect-timeout 'How long to wait for each TCP connection. Default: 10s'
            cand --cert-days 'Warn when an MX certificate has fewer days left than this'
            cand --ca-file 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots (repeatable)'
            cand --trust-anchor 'Trust these DNSKEY records (a file in zone-file format) instead of the root zone''s keys when validating DNSSEC: for private or test zones'
            cand --color 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set'
            cand --tcp 'Ask over TCP only'
            cand --no-probe 'Check DNS only: do not connect to the MX hosts'
            cand --relay-test 'After EHLO, try MAIL FROM an outside address and RCPT TO another outside address, then RSET; never DATA. Only on your own domains. A 250 to RCPT alone is no proof of an open relay: the server may still refuse after DATA'
            cand --no-dnssec 'Do not validate DNSSEC (TLSA records are then judged as published, with a finding saying so)'
            cand --transcript 'Show every probe''s dialogue (C:/S: lines, timed) in the human output; JSON always has it'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --json 'Print events as JSON Lines (one object per event, then a summary object)'
            cand -q 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand --quiet 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'mailctl;help'= {
            cand smtp 'SMTP and LMTP: send test mail, probe a server'
            cand pop3 'POP3 (RFC 1939): look into a mailbox, retrieve messages, delete only when asked'
            cand imap 'IMAP (RFC 9051 / RFC 3501): list mailboxes, search and fetch read-only, watch with IDLE'
            cand dns 'DNS checks for mail: MX, SPF, DMARC, DKIM keys, MTA-STS, TLS-RPT, BIMI, and a full audit'
            cand dkim 'DKIM: verify signatures with reasons you can act on, sign test mail, generate keys'
            cand dmarc 'DMARC (RFC 7489): evaluate a received message: SPF, DKIM, alignment and the policy'
            cand check 'Health checks for monitoring, CI and cron: a verdict with thresholds, Nagios and Prometheus output, exit codes 0 OK / 1 WARNING / 2 CRITICAL / 3 UNKNOWN'
            cand audit 'Is a domain''s mail set up right, end to end: DNS records, then every MX address probed live (STARTTLS, certificate, DANE, reverse DNS), findings by severity'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailctl;help;smtp'= {
            cand send 'Send a message (or probe with --quit-after), showing the whole dialogue'
            cand sink 'Receive mail: a local SMTP/LMTP server that takes every message (like Postfix''s smtp-sink) and shows each connection''s dialogue from the server side (C: the client, S: the sink)'
        }
        &'mailctl;help;smtp;send'= {
        }
        &'mailctl;help;smtp;sink'= {
        }
        &'mailctl;help;pop3'= {
            cand capa 'Show the server''s capabilities (CAPA, RFC 2449); logs in only if --user is given'
            cand stat 'Number of messages and total size (STAT)'
            cand list 'Message numbers and sizes (LIST), all or one'
            cand uidl 'Message numbers and unique ids (UIDL), all or one'
            cand retr 'Retrieve one message (RETR), streamed to stdout or a file as it arrives'
            cand top 'Headers and the first LINES lines of the body (TOP)'
            cand dele 'Delete messages (DELE, committed by QUIT). The only subcommand that deletes'
            cand noop 'Log in and send NOOP: a login check'
        }
        &'mailctl;help;pop3;capa'= {
        }
        &'mailctl;help;pop3;stat'= {
        }
        &'mailctl;help;pop3;list'= {
        }
        &'mailctl;help;pop3;uidl'= {
        }
        &'mailctl;help;pop3;retr'= {
        }
        &'mailctl;help;pop3;top'= {
        }
        &'mailctl;help;pop3;dele'= {
        }
        &'mailctl;help;pop3;noop'= {
        }
        &'mailctl;help;imap'= {
            cand capability 'Show the server''s capabilities (before and, with --user, after login)'
            cand list 'List mailboxes (LIST), optionally with STATUS counters per mailbox'
            cand select 'Open a mailbox read-only (EXAMINE) and show what the server reports about it'
            cand search 'Search a mailbox (read-only) and print the matching message numbers (UIDs with --uid)'
            cand fetch 'Fetch messages read-only (BODY.PEEK: \Seen is not set unless --mark-seen)'
            cand idle 'Wait for new mail with IDLE (RFC 2177) and print each event until interrupted or --for'
            cand raw 'Log in, send one command and show the tagged reply (and untagged data)'
        }
        &'mailctl;help;imap;capability'= {
        }
        &'mailctl;help;imap;list'= {
        }
        &'mailctl;help;imap;select'= {
        }
        &'mailctl;help;imap;search'= {
        }
        &'mailctl;help;imap;fetch'= {
        }
        &'mailctl;help;imap;idle'= {
        }
        &'mailctl;help;imap;raw'= {
        }
        &'mailctl;help;dns'= {
            cand mx 'MX records by preference with each host''s addresses; null MX (RFC 7505), implicit MX, MX pointing at a CNAME or an IP address'
            cand spf 'The SPF record and its include/redirect tree with lookup counts; with --ip, the RFC 7208 result for that client'
            cand dmarc 'The DMARC record (organizational-domain fallback), every tag with its effective value, and external report authorization for rua/ruf outside the domain'
            cand dkim 'DKIM public keys: type, size, flags, revoked or unusable keys'
            cand mta-sts 'The MTA-STS TXT record (_mta-sts)'
            cand tls-rpt 'The SMTP TLS reporting record (_smtp._tls)'
            cand bimi 'The BIMI record (<selector>._bimi)'
            cand check 'Everything above for each domain, concurrently, with findings by severity and a summary'
        }
        &'mailctl;help;dns;mx'= {
        }
        &'mailctl;help;dns;spf'= {
        }
        &'mailctl;help;dns;dmarc'= {
        }
        &'mailctl;help;dns;dkim'= {
        }
        &'mailctl;help;dns;mta-sts'= {
        }
        &'mailctl;help;dns;tls-rpt'= {
        }
        &'mailctl;help;dns;bimi'= {
        }
        &'mailctl;help;dns;check'= {
        }
        &'mailctl;help;dkim'= {
            cand verify 'Verify the DKIM signatures of messages: .eml files, a directory of them, a Maildir (cur/ and new/), an mbox file, or stdin (`-`). One line per message and a summary; every signature with its tags, key lookup and a reason a person can act on'
            cand sign 'Sign a message (RSA-SHA256 or Ed25519-SHA256, relaxed/relaxed) and write it to stdout'
            cand keygen 'Generate a signing key and print the DNS TXT record to publish'
        }
        &'mailctl;help;dkim;verify'= {
        }
        &'mailctl;help;dkim;sign'= {
        }
        &'mailctl;help;dkim;keygen'= {
        }
        &'mailctl;help;dmarc'= {
            cand evaluate 'Evaluate DMARC for a message as the receiving server would (RFC 7489): SPF for the client IP and MAIL FROM, every DKIM signature, identifier alignment with the From domain, and the domain''s policy; prints an Authentication-Results header (RFC 8601) and why'
        }
        &'mailctl;help;dmarc;evaluate'= {
        }
        &'mailctl;help;check'= {
            cand smtp 'Check an SMTP server: connect, greeting, EHLO, STARTTLS, AUTH (with --user), and with --send-test MAIL FROM / RCPT TO then RSET (no message is sent)'
            cand imap 'Check an IMAP server: connect, greeting, STARTTLS, CAPABILITY, and LOGIN (or AUTHENTICATE with --auth) when --user is given'
            cand pop3 'Check a POP3 server: connect, greeting, CAPA, STLS, and a login (USER/PASS, --apop or --auth) when --user is given'
            cand roundtrip 'Send a message with a unique token through SMTP submission, wait for it in the mailbox (IMAP or POP3), report the delivery latency, then delete only that message'
            cand domain 'Audit a domain''s mail for monitoring: the `mailctl audit` engine (DNS records, DNSSEC, every MX address probed with STARTTLS, certificate, DANE and reverse DNS, the RFC 6186 services) as one check. A finding of severity error is CRITICAL, a warning WARNING; the certificate closest to expiry among those presented is held to --cert-warn-days and --cert-crit-days, the whole audit''s time to --warn and --crit'
        }
        &'mailctl;help;check;smtp'= {
        }
        &'mailctl;help;check;imap'= {
        }
        &'mailctl;help;check;pop3'= {
        }
        &'mailctl;help;check;roundtrip'= {
        }
        &'mailctl;help;check;domain'= {
        }
        &'mailctl;help;audit'= {
        }
        &'mailctl;help;help'= {
        }
    ]
    $completions[$command]
}
