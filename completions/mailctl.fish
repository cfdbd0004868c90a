# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_mailctl_global_optspecs
    string join \n json q/quiet color= h/help V/version
end

function __fish_mailctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_mailctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_mailctl_using_subcommand
    set -l cmd (__fish_mailctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c mailctl -n "__fish_mailctl_needs_command" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_needs_command" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_needs_command" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_needs_command" -s V -l version -d 'Print version'
complete -c mailctl -n "__fish_mailctl_needs_command" -f -a "smtp" -d 'SMTP and LMTP: send test mail, probe a server'
complete -c mailctl -n "__fish_mailctl_needs_command" -f -a "pop3" -d 'POP3 (RFC 1939): look into a mailbox, retrieve messages, delete only when asked'
complete -c mailctl -n "__fish_mailctl_needs_command" -f -a "imap" -d 'IMAP (RFC 9051 / RFC 3501): list mailboxes, search and fetch read-only, watch with IDLE'
complete -c mailctl -n "__fish_mailctl_needs_command" -f -a "dns" -d 'DNS checks for mail: MX, SPF, DMARC, DKIM keys, MTA-STS, TLS-RPT, BIMI, and a full audit'
complete -c mailctl -n "__fish_mailctl_needs_command" -f -a "dkim" -d 'DKIM: verify signatures with reasons you can act on, sign test mail, generate keys'
complete -c mailctl -n "__fish_mailctl_needs_command" -f -a "dmarc" -d 'DMARC (RFC 7489): evaluate a received message: SPF, DKIM, alignment and the policy'
complete -c mailctl -n "__fish_mailctl_needs_command" -f -a "check" -d 'Health checks for monitoring, CI and cron: a verdict with thresholds, Nagios and Prometheus output, exit codes 0 OK / 1 WARNING / 2 CRITICAL / 3 UNKNOWN'
complete -c mailctl -n "__fish_mailctl_needs_command" -f -a "audit" -d 'Is a domain\'s mail set up right, end to end: DNS records, then every MX address probed live (STARTTLS, certificate, DANE, reverse DNS), findings by severity'
complete -c mailctl -n "__fish_mailctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and not __fish_seen_subcommand_from send shell sink help" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and not __fish_seen_subcommand_from send shell sink help" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and not __fish_seen_subcommand_from send shell sink help" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and not __fish_seen_subcommand_from send shell sink help" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and not __fish_seen_subcommand_from send shell sink help" -f -a "send" -d 'Send a message (or probe with --quit-after), showing the whole dialogue'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and not __fish_seen_subcommand_from send shell sink help" -f -a "shell" -d 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and not __fish_seen_subcommand_from send shell sink help" -f -a "sink" -d 'Receive mail: a local SMTP/LMTP server that takes every message (like Postfix\'s smtp-sink) and shows each connection\'s dialogue from the server side (C: the client, S: the sink)'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and not __fish_seen_subcommand_from send shell sink help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -s f -l from -d 'Envelope sender (MAIL FROM). `<>` or "" for the null sender. Default: $USER@HOSTNAME' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -s t -l to -d 'Recipient (repeatable, or comma-separated)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l cc -d 'Carbon-copy recipient: in the envelope and the Cc header (repeatable)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l bcc -d 'Blind recipient: in the envelope only (repeatable)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l helo -d 'Name to send with EHLO/HELO/LHLO. Default: this machine\'s host name' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -s a -l auth -d 'Authenticate (needs --user, except `external`; --user alone authenticates as with `--auth auto`). `auto` picks the strongest mechanism offered; SCRAM logins fail (exit 23) unless the server proves it knows the password too' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l subject -d 'Subject of the generated message' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l body -d 'Text body of the generated message' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l body-file -d 'Read the text body from a file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -s H -l header -d 'Extra header, \'Name: value\' (repeatable). Replaces the generated header of the same name' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l attach -d 'Attach a file (repeatable); the content type is guessed from the file name' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l data -d 'Send this file as the whole message, as is (`-` for stdin). Line endings become CRLF and leading dots are doubled on the wire' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l notify -d 'Ask for delivery status notifications (DSN, RFC 3461) for every recipient: `never`, or any of `success`, `failure`, `delay` (comma-separated). Also sends ORCPT (the recipient as given). A server without DSN is exit 18 (capability): nothing is sent' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l ret -d 'DSN: return the full message (`full`) or only its headers (`hdrs`) in a notification' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l envid -d 'DSN: an envelope identifier returned in every notification (printable ASCII)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l quit-after -d 'Stop after this step and QUIT (for probing a server without sending mail)' -r -f -a "connect\t'Close right after the TCP (or implicit TLS) connection is up'
banner\t'Read the greeting, then QUIT'
ehlo\t'After the first EHLO/HELO/LHLO'
starttls\t'After STARTTLS and the second EHLO'
auth\t'After AUTH'
mail\t'After MAIL FROM'
rcpt\t'After the RCPT TOs'
data\t'After the server\'s 354 to DATA: close without sending a message (the server discards it)'"
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l drop-after -d 'Like --quit-after, but close the connection without QUIT (how does the server handle a client that vanishes here?). `dot`: send the whole message and its end, then close before the server\'s reply' -r -f -a "connect\t'Right after the TCP (or implicit TLS) connection is up'
banner\t'After the greeting'
ehlo\t'After the first EHLO/HELO/LHLO'
starttls\t'After STARTTLS and the second EHLO'
auth\t'After AUTH'
mail\t'After MAIL FROM'
rcpt\t'After the RCPT TOs'
data\t'After the server\'s 354 to DATA, before any of the message'
dot\t'After the message and its final dot, before the server\'s reply'"
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l xclient -d 'Send Postfix XCLIENT with this attribute after EHLO (and STARTTLS), e.g. ADDR=192.0.2.1, NAME=relay.example, HELO=…, LOGIN=…, PROTO=ESMTP (repeatable; or several in one value, space-separated). Only attributes the server lists are sent; the server must authorize this client (smtpd_authorized_xclient_hosts), else exit 18 before anything is sent' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l vrfy -d 'Ask VRFY ADDR (RFC 5321 §3.5) after EHLO/STARTTLS/AUTH, before any mail (repeatable). Without --to it is a probe: the session ends after the answers. 250/251/252 are answers; any other reply ends the session (exit 29, phase command)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l expn -d 'Ask EXPN LIST (RFC 5321 §3.5.2), like --vrfy (repeatable)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l dkim-key -d 'DKIM-sign the message with this private key (PEM) before sending' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l dkim-selector -d 'DKIM selector (s=) for --dkim-key' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l dkim-domain -d 'DKIM signing domain (d=). Default: the domain of --from' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l count -d 'Load mode: send N messages (a new session per message unless --per-session), then print messages/s, latency percentiles per phase and errors by reply code and phase. Only the first session\'s transcript is shown (--transcript all for every session). Ctrl-C ends the run early with the summary so far (exit 130): the first lets the messages in flight finish, a second drops them' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l concurrency -d 'Load mode: sessions open at once. Default 1' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l per-session -d 'Load mode: send up to M messages per session (the next MAIL follows the previous reply; RSET after a refused transaction). Default 1: a new session per message' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l rate -d 'Load mode: start at most R messages per second (e.g. 50, 50/s, 600/m). Default: no limit' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l size -d 'Load mode: generate each message padded to exactly this many bytes (e.g. 1024, 1k, 2M; k = 1024), with its own Message-ID. Without --size the message options above are used; a generated message still gets its own Message-ID, a --data file is sent as is' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l transcript -d 'Load mode: whose dialogue to show: the first session\'s, or every session\'s (each transaction shown as one block)' -r -f -a "first\t''
all\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l lmtp -d 'Speak LMTP (RFC 2033): LHLO, and one reply per recipient after the message'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l no-pipelining -d 'Do not pipeline commands, even when the server offers PIPELINING'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l bdat -d 'Send the message with BDAT (CHUNKING, RFC 3030) instead of DATA. A server without CHUNKING is exit 18 (capability): nothing is sent, the session ends with QUIT'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l requiretls -d 'Send MAIL FROM with REQUIRETLS (RFC 8689): the message must only travel over verified TLS. Needs --tls or --starttls; a server without REQUIRETLS is exit 18: nothing is sent'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l show-data -d 'Show the message body line by line in the transcript instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l script -d 'Run this script instead of reading the terminal (`-` for stdin)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l send -d 'Send this line (repeatable, in order); with --expect, a check of each reply' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l expect -d 'The reply to the --send of the same position must match (repeatable; \'\' checks nothing): SMTP 250 (or 2, 25), POP3 +OK/-ERR, IMAP OK/NO/BAD, optionally followed by text the reply must contain' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l max-reply -d 'The most bytes one reply may hold (a POP3 RETR, the responses to one IMAP command): e.g. 1024, 64k, 16M' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l helo -d 'SMTP: the name for the EHLO that --starttls sends before and after the upgrade. Default: this machine\'s host name' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l show-data -d 'Show the message `:data` sends line by line instead of a size summary (what the server sends is always shown line by line)'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from shell" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l listen -d 'Address to listen on: IP:PORT, [IPv6]:PORT (port 0: any free port, shown at start)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l hostname -d 'Our name in the greeting, the EHLO reply and the Received: header. Default: this machine\'s host name' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l cert -d 'Server certificate chain (PEM, leaf first): offers STARTTLS (or --tls)' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l key -d 'Private key for --cert (PEM: PKCS#8, PKCS#1 or SEC1)' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l auth-user -d 'Accept AUTH (PLAIN, LOGIN, CRAM-MD5) only as this user; the password comes from --auth-password-env, --auth-password-file or MAILCTL_PASSWORD, never the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l auth-password-env -d 'Read --auth-user\'s password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l auth-password-file -d 'Read --auth-user\'s password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l maildir -d 'Store each message in this Maildir (new/, through tmp/; created if missing)' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l dir -d 'Store each message in this directory as NAME.eml, with its envelope (sender, recipients, EHLO name, client address, TLS, AUTH user, parameters, time) in NAME.json' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l reply -d 'Scripted reply, repeatable: STAGE[:MATCH]=CODE[ TEXT]. Stages: banner, ehlo, helo, auth, mail, rcpt, data (the reply to DATA itself), dot (after the message; MATCH is checked against each recipient, and in LMTP sets that recipient\'s own reply), bdat, rset, quit, starttls. MATCH (up to the first `=`) applies the reply only when the command\'s argument contains it, ignoring case. The first matching --reply wins. E.g. `banner=554`, `rcpt:bob@=450 4.2.1 try later`, `dot=552`' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l max-size -d 'Largest message taken (SIZE, RFC 1870): advertised, and a bigger one is read to its end and refused with 552 (e.g. 10M, 512k)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l max-rcpt -d 'Most recipients per message; more get 452 (RFC 5321 §4.5.3.1.10)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l timeout -d 'How long a client may take to send a command (and each 16 KiB of a message) before its connection is dropped (RFC 5321 §4.5.3.2.7: 5 minutes)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l session-time -d 'How long one connection may last, however it paces itself; then 421 and closed' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l max-connections -d 'Connections served at once; one more is answered 421 and closed' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l max -d 'Stop after this many messages were taken (the connections still open may finish)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l max-time -d 'Stop after this long (e.g. 30s, 10m)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l lmtp -d 'Speak LMTP (RFC 2033): LHLO, and one reply per recipient after the message'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l tls -d 'Implicit TLS (SMTPS): every connection starts with a TLS handshake. Needs --cert/--key'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l auth-any -d 'Accept AUTH with any user name and password'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l auth-plaintext -d 'Offer AUTH without TLS too (by default only after STARTTLS or with --tls)'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l show-data -d 'Show each message line in the transcript instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l show-secrets -d 'Show clients\' AUTH payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from sink" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from help" -f -a "send" -d 'Send a message (or probe with --quit-after), showing the whole dialogue'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from help" -f -a "shell" -d 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from help" -f -a "sink" -d 'Receive mail: a local SMTP/LMTP server that takes every message (like Postfix\'s smtp-sink) and shows each connection\'s dialogue from the server side (C: the client, S: the sink)'
complete -c mailctl -n "__fish_mailctl_using_subcommand smtp; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -f -a "capa" -d 'Show the server\'s capabilities (CAPA, RFC 2449); logs in only if --user is given'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -f -a "stat" -d 'Number of messages and total size (STAT)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -f -a "list" -d 'Message numbers and sizes (LIST), all or one'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -f -a "uidl" -d 'Message numbers and unique ids (UIDL), all or one'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -f -a "retr" -d 'Retrieve one message (RETR), streamed to stdout or a file as it arrives'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -f -a "top" -d 'Headers and the first LINES lines of the body (TOP)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -f -a "dele" -d 'Delete messages (DELE, committed by QUIT). The only subcommand that deletes'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -f -a "noop" -d 'Log in and send NOOP: a login check'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -f -a "shell" -d 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and not __fish_seen_subcommand_from capa stat list uidl retr top dele noop shell help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -s a -l auth -d 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l apop -d 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l show-data -d 'Show message bodies in the transcript line by line instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from capa" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -s a -l auth -d 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l apop -d 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l show-data -d 'Show message bodies in the transcript line by line instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from stat" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -s a -l auth -d 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l apop -d 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l show-data -d 'Show message bodies in the transcript line by line instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -s a -l auth -d 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l apop -d 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l show-data -d 'Show message bodies in the transcript line by line instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from uidl" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -s a -l auth -d 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -s o -l output -d 'Write the message to FILE instead of stdout' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l apop -d 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l show-data -d 'Show message bodies in the transcript line by line instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l uid -d 'Take MSG as a UIDL unique id'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l force -d 'Overwrite FILE if it exists'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l delete -d 'Delete the message on the server after it was completely written and synced to disk. To stdout only when stdout is a regular file (> FILE); refused for a pipe or terminal'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from retr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -s a -l auth -d 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l apop -d 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l show-data -d 'Show message bodies in the transcript line by line instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -s a -l auth -d 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l apop -d 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l show-data -d 'Show message bodies in the transcript line by line instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l uid -d 'Take the arguments as UIDL unique ids'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from dele" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -s a -l auth -d 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l apop -d 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l show-data -d 'Show message bodies in the transcript line by line instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from noop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l script -d 'Run this script instead of reading the terminal (`-` for stdin)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l send -d 'Send this line (repeatable, in order); with --expect, a check of each reply' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l expect -d 'The reply to the --send of the same position must match (repeatable; \'\' checks nothing): SMTP 250 (or 2, 25), POP3 +OK/-ERR, IMAP OK/NO/BAD, optionally followed by text the reply must contain' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l max-reply -d 'The most bytes one reply may hold (a POP3 RETR, the responses to one IMAP command): e.g. 1024, 64k, 16M' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l helo -d 'SMTP: the name for the EHLO that --starttls sends before and after the upgrade. Default: this machine\'s host name' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l show-data -d 'Show the message `:data` sends line by line instead of a size summary (what the server sends is always shown line by line)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from shell" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from help" -f -a "capa" -d 'Show the server\'s capabilities (CAPA, RFC 2449); logs in only if --user is given'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from help" -f -a "stat" -d 'Number of messages and total size (STAT)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from help" -f -a "list" -d 'Message numbers and sizes (LIST), all or one'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from help" -f -a "uidl" -d 'Message numbers and unique ids (UIDL), all or one'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from help" -f -a "retr" -d 'Retrieve one message (RETR), streamed to stdout or a file as it arrives'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from help" -f -a "top" -d 'Headers and the first LINES lines of the body (TOP)'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from help" -f -a "dele" -d 'Delete messages (DELE, committed by QUIT). The only subcommand that deletes'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from help" -f -a "noop" -d 'Log in and send NOOP: a login check'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from help" -f -a "shell" -d 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one'
complete -c mailctl -n "__fish_mailctl_using_subcommand pop3; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and not __fish_seen_subcommand_from capability list select search fetch idle raw shell help" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and not __fish_seen_subcommand_from capability list select search fetch idle raw shell help" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and not __fish_seen_subcommand_from capability list select search fetch idle raw shell help" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and not __fish_seen_subcommand_from capability list select search fetch idle raw shell help" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and not __fish_seen_subcommand_from capability list select search fetch idle raw shell help" -f -a "capability" -d 'Show the server\'s capabilities (before and, with --user, after login)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and not __fish_seen_subcommand_from capability list select search fetch idle raw shell help" -f -a "list" -d 'List mailboxes (LIST), optionally with STATUS counters per mailbox'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and not __fish_seen_subcommand_from capability list select search fetch idle raw shell help" -f -a "select" -d 'Open a mailbox read-only (EXAMINE) and show what the server reports about it'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and not __fish_seen_subcommand_from capability list select search fetch idle raw shell help" -f -a "search" -d 'Search a mailbox (read-only) and print the matching message numbers (UIDs with --uid)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and not __fish_seen_subcommand_from capability list select search fetch idle raw shell help" -f -a "fetch" -d 'Fetch messages read-only (BODY.PEEK: \\Seen is not set unless --mark-seen)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and not __fish_seen_subcommand_from capability list select search fetch idle raw shell help" -f -a "idle" -d 'Wait for new mail with IDLE (RFC 2177) and print each event until interrupted or --for'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and not __fish_seen_subcommand_from capability list select search fetch idle raw shell help" -f -a "raw" -d 'Log in, send one command and show the tagged reply (and untagged data)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and not __fish_seen_subcommand_from capability list select search fetch idle raw shell help" -f -a "shell" -d 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and not __fish_seen_subcommand_from capability list select search fetch idle raw shell help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -s a -l auth -d 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l show-data -d 'Show message data in the transcript instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from capability" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -s a -l auth -d 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l show-data -d 'Show message data in the transcript instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l status -d 'Add MESSAGES, UNSEEN, RECENT, UIDNEXT and UIDVALIDITY for each mailbox (STATUS)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -s a -l auth -d 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l show-data -d 'Show message data in the transcript instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from select" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -s a -l auth -d 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l show-data -d 'Show message data in the transcript instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l uid -d 'Return UIDs (UID SEARCH)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -s a -l auth -d 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l part -d 'Write one body section (e.g. 1, 1.2, HEADER, TEXT) of each message' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -s o -l output -d 'Output: a directory for --full; a file for --part (default stdout)' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l show-data -d 'Show message data in the transcript instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l headers -d 'Show the header table (the default)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l full -d 'Write each whole message as DIR/<UID>.eml'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l force -d 'Overwrite existing files'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l uid -d 'The set is UIDs (UID FETCH)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l mark-seen -d 'Fetch with BODY[] instead of BODY.PEEK[]: the server marks the messages \\Seen'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from fetch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -s a -l auth -d 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l for -d 'Stop after this long (e.g. 30s, 5m)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l show-data -d 'Show message data in the transcript instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from idle" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -s a -l auth -d 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l show-data -d 'Show message data in the transcript instead of a size summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from raw" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l script -d 'Run this script instead of reading the terminal (`-` for stdin)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l send -d 'Send this line (repeatable, in order); with --expect, a check of each reply' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l expect -d 'The reply to the --send of the same position must match (repeatable; \'\' checks nothing): SMTP 250 (or 2, 25), POP3 +OK/-ERR, IMAP OK/NO/BAD, optionally followed by text the reply must contain' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l max-reply -d 'The most bytes one reply may hold (a POP3 RETR, the responses to one IMAP command): e.g. 1024, 64k, 16M' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l helo -d 'SMTP: the name for the EHLO that --starttls sends before and after the upgrade. Default: this machine\'s host name' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l show-data -d 'Show the message `:data` sends line by line instead of a size summary (what the server sends is always shown line by line)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from shell" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from help" -f -a "capability" -d 'Show the server\'s capabilities (before and, with --user, after login)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from help" -f -a "list" -d 'List mailboxes (LIST), optionally with STATUS counters per mailbox'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from help" -f -a "select" -d 'Open a mailbox read-only (EXAMINE) and show what the server reports about it'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from help" -f -a "search" -d 'Search a mailbox (read-only) and print the matching message numbers (UIDs with --uid)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from help" -f -a "fetch" -d 'Fetch messages read-only (BODY.PEEK: \\Seen is not set unless --mark-seen)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from help" -f -a "idle" -d 'Wait for new mail with IDLE (RFC 2177) and print each event until interrupted or --for'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from help" -f -a "raw" -d 'Log in, send one command and show the tagged reply (and untagged data)'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from help" -f -a "shell" -d 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one'
complete -c mailctl -n "__fish_mailctl_using_subcommand imap; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and not __fish_seen_subcommand_from mx spf dmarc dkim mta-sts tls-rpt bimi check help" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and not __fish_seen_subcommand_from mx spf dmarc dkim mta-sts tls-rpt bimi check help" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and not __fish_seen_subcommand_from mx spf dmarc dkim mta-sts tls-rpt bimi check help" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and not __fish_seen_subcommand_from mx spf dmarc dkim mta-sts tls-rpt bimi check help" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and not __fish_seen_subcommand_from mx spf dmarc dkim mta-sts tls-rpt bimi check help" -f -a "mx" -d 'MX records by preference with each host\'s addresses; null MX (RFC 7505), implicit MX, MX pointing at a CNAME or an IP address'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and not __fish_seen_subcommand_from mx spf dmarc dkim mta-sts tls-rpt bimi check help" -f -a "spf" -d 'The SPF record and its include/redirect tree with lookup counts; with --ip, the RFC 7208 result for that client'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and not __fish_seen_subcommand_from mx spf dmarc dkim mta-sts tls-rpt bimi check help" -f -a "dmarc" -d 'The DMARC record (organizational-domain fallback), every tag with its effective value, and external report authorization for rua/ruf outside the domain'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and not __fish_seen_subcommand_from mx spf dmarc dkim mta-sts tls-rpt bimi check help" -f -a "dkim" -d 'DKIM public keys: type, size, flags, revoked or unusable keys'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and not __fish_seen_subcommand_from mx spf dmarc dkim mta-sts tls-rpt bimi check help" -f -a "mta-sts" -d 'The MTA-STS TXT record (_mta-sts)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and not __fish_seen_subcommand_from mx spf dmarc dkim mta-sts tls-rpt bimi check help" -f -a "tls-rpt" -d 'The SMTP TLS reporting record (_smtp._tls)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and not __fish_seen_subcommand_from mx spf dmarc dkim mta-sts tls-rpt bimi check help" -f -a "bimi" -d 'The BIMI record (<selector>._bimi)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and not __fish_seen_subcommand_from mx spf dmarc dkim mta-sts tls-rpt bimi check help" -f -a "check" -d 'Everything above for each domain, concurrently, with findings by severity and a summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and not __fish_seen_subcommand_from mx spf dmarc dkim mta-sts tls-rpt bimi check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mx" -l nameserver -d 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mx" -l timeout -d 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mx" -l max-time -d 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mx" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mx" -l tcp -d 'Ask over TCP only'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mx" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mx" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mx" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from spf" -l nameserver -d 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from spf" -l timeout -d 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from spf" -l max-time -d 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from spf" -l ip -d 'Evaluate for this client IP (check_host, RFC 7208 §4)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from spf" -l sender -d 'MAIL FROM address for the evaluation (default postmaster@DOMAIN; "" for the null sender)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from spf" -l helo -d 'HELO/EHLO name for the evaluation' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from spf" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from spf" -l tcp -d 'Ask over TCP only'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from spf" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from spf" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from spf" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dmarc" -l nameserver -d 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dmarc" -l timeout -d 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dmarc" -l max-time -d 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dmarc" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dmarc" -l tcp -d 'Ask over TCP only'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dmarc" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dmarc" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dmarc" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dkim" -l nameserver -d 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dkim" -l timeout -d 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dkim" -l max-time -d 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dkim" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dkim" -l tcp -d 'Ask over TCP only'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dkim" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dkim" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from dkim" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mta-sts" -l nameserver -d 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mta-sts" -l timeout -d 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mta-sts" -l max-time -d 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mta-sts" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mta-sts" -l tcp -d 'Ask over TCP only'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mta-sts" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mta-sts" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from mta-sts" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from tls-rpt" -l nameserver -d 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from tls-rpt" -l timeout -d 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from tls-rpt" -l max-time -d 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from tls-rpt" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from tls-rpt" -l tcp -d 'Ask over TCP only'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from tls-rpt" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from tls-rpt" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from tls-rpt" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from bimi" -l nameserver -d 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from bimi" -l timeout -d 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from bimi" -l max-time -d 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from bimi" -l selector -d 'BIMI selector: the record is looked up at SELECTOR._bimi.DOMAIN' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from bimi" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from bimi" -l tcp -d 'Ask over TCP only'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from bimi" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from bimi" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from bimi" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from check" -l nameserver -d 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from check" -l timeout -d 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from check" -l max-time -d 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from check" -l selector -d 'DKIM selectors to check (repeatable or comma-separated)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from check" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from check" -l tcp -d 'Ask over TCP only'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from check" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "mx" -d 'MX records by preference with each host\'s addresses; null MX (RFC 7505), implicit MX, MX pointing at a CNAME or an IP address'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "spf" -d 'The SPF record and its include/redirect tree with lookup counts; with --ip, the RFC 7208 result for that client'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "dmarc" -d 'The DMARC record (organizational-domain fallback), every tag with its effective value, and external report authorization for rua/ruf outside the domain'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "dkim" -d 'DKIM public keys: type, size, flags, revoked or unusable keys'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "mta-sts" -d 'The MTA-STS TXT record (_mta-sts)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "tls-rpt" -d 'The SMTP TLS reporting record (_smtp._tls)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "bimi" -d 'The BIMI record (<selector>._bimi)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "check" -d 'Everything above for each domain, concurrently, with findings by severity and a summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and not __fish_seen_subcommand_from verify sign keygen help" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and not __fish_seen_subcommand_from verify sign keygen help" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and not __fish_seen_subcommand_from verify sign keygen help" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and not __fish_seen_subcommand_from verify sign keygen help" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and not __fish_seen_subcommand_from verify sign keygen help" -f -a "verify" -d 'Verify the DKIM signatures of messages: .eml files, a directory of them, a Maildir (cur/ and new/), an mbox file, or stdin (`-`). One line per message and a summary; every signature with its tags, key lookup and a reason a person can act on'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and not __fish_seen_subcommand_from verify sign keygen help" -f -a "sign" -d 'Sign a message (RSA-SHA256 or Ed25519-SHA256, relaxed/relaxed) and write it to stdout'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and not __fish_seen_subcommand_from verify sign keygen help" -f -a "keygen" -d 'Generate a signing key and print the DNS TXT record to publish'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and not __fish_seen_subcommand_from verify sign keygen help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from verify" -l nameserver -d 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from verify" -l timeout -d 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from verify" -l max-time -d 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from verify" -l at -d 'Verify as of this time instead of now, for mail that was valid when it arrived: the x= expiry and the future-t= check use it. RFC 3339 (2026-01-05T10:00:00Z) or Unix seconds' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from verify" -l key -d 'Use this key instead of DNS for SELECTOR._domainkey.DOMAIN, e.g. to verify before publishing: a PEM public key (PUBLIC KEY or RSA PUBLIC KEY) or the TXT record text (zone-file quoted strings are joined). No DNS query is made for that name. Repeatable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from verify" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from verify" -l tcp -d 'Ask over TCP only'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from verify" -l debug-canon -d 'Show the canonicalized header block and body hash input of each signature'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from verify" -l arc -d 'Also validate the ARC chain (RFC 8617)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from verify" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from sign" -l key -d 'Private key (PEM, PKCS#8 or PKCS#1), as written by `dkim keygen`' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from sign" -l selector -d 'Selector (s=): the key is published at SELECTOR._domainkey.DOMAIN' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from sign" -l domain -d 'Signing domain (d=)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from sign" -l headers -d 'Headers to sign (comma-separated). Default: those of From, To, Cc, Subject, Date, Message-ID, Reply-To, In-Reply-To, References, MIME-Version and Content-Type that the message has (others, such as List-Id, are not signed unless named here)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from sign" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from sign" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from sign" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from keygen" -l algo -d 'Key type: rsa (signs rsa-sha256) or ed25519 (ed25519-sha256, RFC 8463; not every verifier supports it yet)' -r -f -a "rsa\t''
ed25519\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from keygen" -l bits -d 'RSA key size (2048 to 4096: what the signer supports, and RFC 8301 wants >= 1024)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from keygen" -l selector -d 'Selector: the TXT record is printed for SELECTOR._domainkey.DOMAIN' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from keygen" -l domain -d 'Domain the key signs for (d=)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from keygen" -s o -l output -d 'Where to write the private key (PEM, mode 0600)' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from keygen" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from keygen" -l force -d 'Overwrite an existing key file'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from keygen" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from keygen" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from keygen" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Verify the DKIM signatures of messages: .eml files, a directory of them, a Maildir (cur/ and new/), an mbox file, or stdin (`-`). One line per message and a summary; every signature with its tags, key lookup and a reason a person can act on'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Sign a message (RSA-SHA256 or Ed25519-SHA256, relaxed/relaxed) and write it to stdout'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from help" -f -a "keygen" -d 'Generate a signing key and print the DNS TXT record to publish'
complete -c mailctl -n "__fish_mailctl_using_subcommand dkim; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and not __fish_seen_subcommand_from evaluate help" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and not __fish_seen_subcommand_from evaluate help" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and not __fish_seen_subcommand_from evaluate help" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and not __fish_seen_subcommand_from evaluate help" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and not __fish_seen_subcommand_from evaluate help" -f -a "evaluate" -d 'Evaluate DMARC for a message as the receiving server would (RFC 7489): SPF for the client IP and MAIL FROM, every DKIM signature, identifier alignment with the From domain, and the domain\'s policy; prints an Authentication-Results header (RFC 8601) and why'
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and not __fish_seen_subcommand_from evaluate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from evaluate" -l nameserver -d 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from evaluate" -l timeout -d 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from evaluate" -l max-time -d 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from evaluate" -l ip -d 'The SMTP client\'s IP address' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from evaluate" -l mail-from -d 'The SMTP MAIL FROM address ("" for the null sender: SPF then checks the HELO name)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from evaluate" -l helo -d 'The HELO/EHLO name the client gave (default: the MAIL FROM domain; required for the null sender)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from evaluate" -l at -d 'Verify as of this time instead of now, for mail that was valid when it arrived: the x= expiry and the future-t= check use it. RFC 3339 (2026-01-05T10:00:00Z) or Unix seconds' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from evaluate" -l key -d 'Use this key instead of DNS for SELECTOR._domainkey.DOMAIN, e.g. to verify before publishing: a PEM public key (PUBLIC KEY or RSA PUBLIC KEY) or the TXT record text (zone-file quoted strings are joined). No DNS query is made for that name. Repeatable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from evaluate" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from evaluate" -l tcp -d 'Ask over TCP only'
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from evaluate" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from evaluate" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from evaluate" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from help" -f -a "evaluate" -d 'Evaluate DMARC for a message as the receiving server would (RFC 7489): SPF for the client IP and MAIL FROM, every DKIM signature, identifier alignment with the From domain, and the domain\'s policy; prints an Authentication-Results header (RFC 8601) and why'
complete -c mailctl -n "__fish_mailctl_using_subcommand dmarc; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and not __fish_seen_subcommand_from smtp imap pop3 roundtrip domain help" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and not __fish_seen_subcommand_from smtp imap pop3 roundtrip domain help" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and not __fish_seen_subcommand_from smtp imap pop3 roundtrip domain help" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and not __fish_seen_subcommand_from smtp imap pop3 roundtrip domain help" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and not __fish_seen_subcommand_from smtp imap pop3 roundtrip domain help" -f -a "smtp" -d 'Check an SMTP server: connect, greeting, EHLO, STARTTLS, AUTH (with --user), and with --send-test MAIL FROM / RCPT TO then RSET (no message is sent)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and not __fish_seen_subcommand_from smtp imap pop3 roundtrip domain help" -f -a "imap" -d 'Check an IMAP server: connect, greeting, STARTTLS, CAPABILITY, and LOGIN (or AUTHENTICATE with --auth) when --user is given'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and not __fish_seen_subcommand_from smtp imap pop3 roundtrip domain help" -f -a "pop3" -d 'Check a POP3 server: connect, greeting, CAPA, STLS, and a login (USER/PASS, --apop or --auth) when --user is given'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and not __fish_seen_subcommand_from smtp imap pop3 roundtrip domain help" -f -a "roundtrip" -d 'Send a message with a unique token through SMTP submission, wait for it in the mailbox (IMAP or POP3), report the delivery latency, then delete only that message'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and not __fish_seen_subcommand_from smtp imap pop3 roundtrip domain help" -f -a "domain" -d 'Audit a domain\'s mail for monitoring: the `mailctl audit` engine (DNS records, DNSSEC, every MX address probed with STARTTLS, certificate, DANE and reverse DNS, the RFC 6186 services) as one check. A finding of severity error is CRITICAL, a warning WARNING; the certificate closest to expiry among those presented is held to --cert-warn-days and --cert-crit-days, the whole audit\'s time to --warn and --crit'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and not __fish_seen_subcommand_from smtp imap pop3 roundtrip domain help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l target -d 'Another server to check, HOST[:PORT] (repeatable); all targets (with --server and --targets) are checked concurrently with the same options' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l targets -d 'A TOML file of targets: one [[target]] table each, with `server` and optional overrides (name, protocol, port, tls, starttls, sni, user, password_env, password_file, auth, apop, timeout, connect_timeout, max_time, warn, crit, warn_phase, crit_phase, cert_warn_days, cert_crit_days, expect_banner, helo, send_test, from, to)' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -s a -l auth -d 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l expect-banner -d 'The server greeting must match this regular expression (searched in the greeting lines, e.g. \'^220 mx1\\.example\\.org \'); if it does not, the check is CRITICAL and nothing more is sent (no credentials to a server that is not the one expected)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l warn -d 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l crit -d 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l warn-phase -d 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, proxy, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l crit-phase -d 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l cert-warn-days -d 'WARNING when the server certificate expires in fewer days than this' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l cert-crit-days -d 'CRITICAL when the server certificate expires in fewer days than this' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l format -d 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter\'s textfile collector; `json`: the transcript events (with `target`) and a summary' -r -f -a "human\t'The transcript and a verdict per target, for a person'
json\t'JSON Lines: events tagged with their target, then one summary object'
nagios\t'Nagios/Icinga plugin output: status line, perfdata, one line per target'
prometheus\t'Prometheus text exposition format'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l transcript-on-failure -d 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l helo -d 'Name to send with EHLO/HELO. Default: this machine\'s host name' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -s f -l from -d 'Envelope sender for --send-test. Default: $USER@HOSTNAME' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -s t -l to -d 'Recipient for --send-test' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l send-test -d 'Also test a transaction: MAIL FROM and RCPT TO, then RSET (no DATA, nothing is sent)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from smtp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l target -d 'Another server to check, HOST[:PORT] (repeatable); all targets (with --server and --targets) are checked concurrently with the same options' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l targets -d 'A TOML file of targets: one [[target]] table each, with `server` and optional overrides (name, protocol, port, tls, starttls, sni, user, password_env, password_file, auth, apop, timeout, connect_timeout, max_time, warn, crit, warn_phase, crit_phase, cert_warn_days, cert_crit_days, expect_banner, helo, send_test, from, to)' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -s a -l auth -d 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l expect-banner -d 'The server greeting must match this regular expression (searched in the greeting lines, e.g. \'^220 mx1\\.example\\.org \'); if it does not, the check is CRITICAL and nothing more is sent (no credentials to a server that is not the one expected)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l warn -d 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l crit -d 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l warn-phase -d 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, proxy, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l crit-phase -d 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l cert-warn-days -d 'WARNING when the server certificate expires in fewer days than this' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l cert-crit-days -d 'CRITICAL when the server certificate expires in fewer days than this' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l format -d 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter\'s textfile collector; `json`: the transcript events (with `target`) and a summary' -r -f -a "human\t'The transcript and a verdict per target, for a person'
json\t'JSON Lines: events tagged with their target, then one summary object'
nagios\t'Nagios/Icinga plugin output: status line, perfdata, one line per target'
prometheus\t'Prometheus text exposition format'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l transcript-on-failure -d 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from imap" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -s s -l server -d 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -s p -l port -d 'Port, when --server has none (and for MX hosts). Default: the protocol\'s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l timeout -d 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l connect-timeout -d 'How long to wait for the TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l max-time -d 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l sni -d 'TLS server name to send and verify, when it differs from the host connected to' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l nameserver -d 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -s u -l user -d 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l password-env -d 'Read the password (or OAuth token) from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l password-file -d 'Read the password (or OAuth token) from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l local-addr -d 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target\'s address family' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l proxy -d 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy\'s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l proxy-password-env -d 'Read the proxy password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l proxy-password-file -d 'Read the proxy password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l proxy-protocol -d 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)' -r -f -a "v1\t'The text line: PROXY TCP4 SRC DST SPORT DPORT'
v2\t'The binary header'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l proxy-source -d 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l unix -d 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l pipe -d 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. \'sendmail -bs\', \'/usr/lib/dovecot/imap\'); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l cert -d 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l key -d 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l target -d 'Another server to check, HOST[:PORT] (repeatable); all targets (with --server and --targets) are checked concurrently with the same options' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l targets -d 'A TOML file of targets: one [[target]] table each, with `server` and optional overrides (name, protocol, port, tls, starttls, sni, user, password_env, password_file, auth, apop, timeout, connect_timeout, max_time, warn, crit, warn_phase, crit_phase, cert_warn_days, cert_crit_days, expect_banner, helo, send_test, from, to)' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -s a -l auth -d 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l expect-banner -d 'The server greeting must match this regular expression (searched in the greeting lines, e.g. \'^220 mx1\\.example\\.org \'); if it does not, the check is CRITICAL and nothing more is sent (no credentials to a server that is not the one expected)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l warn -d 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l crit -d 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l warn-phase -d 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, proxy, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l crit-phase -d 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l cert-warn-days -d 'WARNING when the server certificate expires in fewer days than this' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l cert-crit-days -d 'CRITICAL when the server certificate expires in fewer days than this' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l format -d 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter\'s textfile collector; `json`: the transcript events (with `target`) and a summary' -r -f -a "human\t'The transcript and a verdict per target, for a person'
json\t'JSON Lines: events tagged with their target, then one summary object'
nagios\t'Nagios/Icinga plugin output: status line, perfdata, one line per target'
prometheus\t'Prometheus text exposition format'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l transcript-on-failure -d 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l tls -d 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l starttls -d 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l insecure -d 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l show-secrets -d 'Show authentication payloads instead of `***`'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l apop -d 'Log in with APOP (RFC 1939 §7)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from pop3" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l smtp-server -d 'SMTP submission server, HOST[:PORT] (default port 587)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l smtp-security -d 'TLS for the SMTP side. Default: tls for port 465, starttls otherwise' -r -f -a "tls\t'Implicit TLS (SMTPS 465, IMAPS 993, POP3S 995)'
starttls\t'STARTTLS (STLS for POP3), required: never falls back to plaintext'
none\t'No TLS at all (the password then crosses the network in clear)'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l imap-server -d 'IMAP server holding the mailbox, HOST[:PORT] (default port 993)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l pop3-server -d 'POP3 server holding the mailbox, HOST[:PORT] (default port 995)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l mailbox-security -d 'TLS for the mailbox side. Default: tls for ports 993 and 995, starttls otherwise' -r -f -a "tls\t'Implicit TLS (SMTPS 465, IMAPS 993, POP3S 995)'
starttls\t'STARTTLS (STLS for POP3), required: never falls back to plaintext'
none\t'No TLS at all (the password then crosses the network in clear)'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l mailbox -d 'IMAP mailbox to watch (default INBOX)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -s u -l user -d 'User name for SMTP AUTH and the mailbox login. The password comes from --password-env, --password-file, MAILCTL_PASSWORD or a prompt' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l password-env -d 'Read the password from this environment variable' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -s a -l auth -d 'SASL mechanism for SMTP AUTH and the mailbox login (default: SMTP the strongest offered, IMAP LOGIN, POP3 USER/PASS)' -r -f -a "auto\t'The strongest mechanism the server offers: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, then LOGIN (never a token or certificate mechanism)'
scram-sha-256\t'SCRAM-SHA-256 (RFC 7677): the password never crosses the wire, and the server must prove it knows it too'
scram-sha-1\t'SCRAM-SHA-1 (RFC 5802), as scram-sha-256'
cram-md5\t'CRAM-MD5 (RFC 2195): a keyed digest of the password'
plain\t'PLAIN (RFC 4616): the password itself, base64-encoded'
login\t'LOGIN: user name and password in two steps, base64-encoded'
oauthbearer\t'OAuth 2.0 bearer token (RFC 7628); the "password" is the token'
xoauth2\t'Google/Microsoft\'s older OAuth 2.0 mechanism; the "password" is the token'
external\t'The TLS client certificate is the login (RFC 4422 Appendix A); --user, if given, is the identity to act as; no password is read'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -s f -l from -d 'Envelope and header sender. Default: --user' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -s t -l to -d 'Recipient: whose mailbox --user opens. Default: --user' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l helo -d 'Name to send with EHLO. Default: this machine\'s host name' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l deadline -d 'How long to wait for the message to arrive, from the moment SMTP accepted it' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l poll -d 'How often to look for the message (IMAP without IDLE, POP3)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l timeout -d 'How long to wait for each server reply (and each write); again after every 16 KiB of bulk data received' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l connect-timeout -d 'How long to wait for each TCP connection. Default: --timeout' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l sni -d 'TLS server name to send and verify on both sides, when it differs from the hosts' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l nameserver -d 'DNS server for host lookups, IP[:PORT] (repeatable). Default: the system resolver' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l warn -d 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l crit -d 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l warn-phase -d 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, proxy, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l crit-phase -d 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l cert-warn-days -d 'WARNING when the server certificate expires in fewer days than this' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l cert-crit-days -d 'CRITICAL when the server certificate expires in fewer days than this' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l format -d 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter\'s textfile collector; `json`: the transcript events (with `target`) and a summary' -r -f -a "human\t'The transcript and a verdict per target, for a person'
json\t'JSON Lines: events tagged with their target, then one summary object'
nagios\t'Nagios/Icinga plugin output: status line, perfdata, one line per target'
prometheus\t'Prometheus text exposition format'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l transcript-on-failure -d 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l keep -d 'Leave the test message in the mailbox'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l insecure -d 'Do NOT verify the server certificates (warned about on stderr every time)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from roundtrip" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l nameserver -d 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l timeout -d 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l max-time -d 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l selector -d 'DKIM selectors whose keys to check (repeatable or comma-separated)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l connect-to -d 'Connect to HOST2:PORT2 whenever the audit would connect to HOST1:PORT1 (curl\'s syntax; repeatable, the first match wins). HOST1 is an MX name or one of its addresses; an empty part matches any (HOST1, PORT1) or keeps the original (HOST2, PORT2): `:25::2525` sends every port-25 probe to port 2525 of the same address. Certificates are still checked against the MX name. Test a new MX before DNS points at it' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l repeat -d 'Probe each MX address N times, one after another, and report what differs between the connections (STARTTLS offered only sometimes, a 421, a different certificate)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l concurrency -d 'How many MX addresses to probe at once' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l relay-addrs -d 'The outside sender and recipient of --relay-test' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l ehlo -d 'Name to send in EHLO. Default: this machine\'s host name' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l probe-timeout -d 'How long to wait for each server reply in a probe' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l connect-timeout -d 'How long to wait for each TCP connection. Default: 10s' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l cert-days -d 'Warn when an MX certificate has fewer days left than this' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots (repeatable)' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l trust-anchor -d 'Trust these DNSKEY records (a file in zone-file format) instead of the root zone\'s keys when validating DNSSEC: for private or test zones' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l warn -d 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l crit -d 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l warn-phase -d 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, proxy, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l crit-phase -d 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l cert-warn-days -d 'WARNING when the server certificate expires in fewer days than this' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l cert-crit-days -d 'CRITICAL when the server certificate expires in fewer days than this' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l format -d 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter\'s textfile collector; `json`: the transcript events (with `target`) and a summary' -r -f -a "human\t'The transcript and a verdict per target, for a person'
json\t'JSON Lines: events tagged with their target, then one summary object'
nagios\t'Nagios/Icinga plugin output: status line, perfdata, one line per target'
prometheus\t'Prometheus text exposition format'"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l transcript-on-failure -d 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l tcp -d 'Ask over TCP only'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l no-probe -d 'Check DNS only: do not connect to the MX hosts'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l relay-test -d 'After EHLO, try MAIL FROM an outside address and RCPT TO another outside address, then RSET; never DATA. Only on your own domains. A 250 to RCPT alone is no proof of an open relay: the server may still refuse after DATA'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l no-dnssec -d 'Do not validate DNSSEC (TLSA records are then judged as published, with a finding saying so)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l transcript -d 'Show every probe\'s dialogue (C:/S: lines, timed) in the human output; JSON always has it'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l ignore-warnings -d 'Warnings do not make the check WARNING (errors still make it CRITICAL)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from domain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from help" -f -a "smtp" -d 'Check an SMTP server: connect, greeting, EHLO, STARTTLS, AUTH (with --user), and with --send-test MAIL FROM / RCPT TO then RSET (no message is sent)'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from help" -f -a "imap" -d 'Check an IMAP server: connect, greeting, STARTTLS, CAPABILITY, and LOGIN (or AUTHENTICATE with --auth) when --user is given'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from help" -f -a "pop3" -d 'Check a POP3 server: connect, greeting, CAPA, STLS, and a login (USER/PASS, --apop or --auth) when --user is given'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from help" -f -a "roundtrip" -d 'Send a message with a unique token through SMTP submission, wait for it in the mailbox (IMAP or POP3), report the delivery latency, then delete only that message'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from help" -f -a "domain" -d 'Audit a domain\'s mail for monitoring: the `mailctl audit` engine (DNS records, DNSSEC, every MX address probed with STARTTLS, certificate, DANE and reverse DNS, the RFC 6186 services) as one check. A finding of severity error is CRITICAL, a warning WARNING; the certificate closest to expiry among those presented is held to --cert-warn-days and --cert-crit-days, the whole audit\'s time to --warn and --crit'
complete -c mailctl -n "__fish_mailctl_using_subcommand check; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l nameserver -d 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l timeout -d 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l max-time -d 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l selector -d 'DKIM selectors whose keys to check (repeatable or comma-separated)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l connect-to -d 'Connect to HOST2:PORT2 whenever the audit would connect to HOST1:PORT1 (curl\'s syntax; repeatable, the first match wins). HOST1 is an MX name or one of its addresses; an empty part matches any (HOST1, PORT1) or keeps the original (HOST2, PORT2): `:25::2525` sends every port-25 probe to port 2525 of the same address. Certificates are still checked against the MX name. Test a new MX before DNS points at it' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l repeat -d 'Probe each MX address N times, one after another, and report what differs between the connections (STARTTLS offered only sometimes, a 421, a different certificate)' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l concurrency -d 'How many MX addresses to probe at once' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l relay-addrs -d 'The outside sender and recipient of --relay-test' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l ehlo -d 'Name to send in EHLO. Default: this machine\'s host name' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l probe-timeout -d 'How long to wait for each server reply in a probe' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l connect-timeout -d 'How long to wait for each TCP connection. Default: 10s' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l cert-days -d 'Warn when an MX certificate has fewer days left than this' -r
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l ca-file -d 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots (repeatable)' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l trust-anchor -d 'Trust these DNSKEY records (a file in zone-file format) instead of the root zone\'s keys when validating DNSSEC: for private or test zones' -r -F
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l color -d 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l tcp -d 'Ask over TCP only'
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l no-probe -d 'Check DNS only: do not connect to the MX hosts'
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l relay-test -d 'After EHLO, try MAIL FROM an outside address and RCPT TO another outside address, then RSET; never DATA. Only on your own domains. A 250 to RCPT alone is no proof of an open relay: the server may still refuse after DATA'
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l no-dnssec -d 'Do not validate DNSSEC (TLSA records are then judged as published, with a finding saying so)'
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l transcript -d 'Show every probe\'s dialogue (C:/S: lines, timed) in the human output; JSON always has it'
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -s 4 -l ipv4 -d 'Use IPv4 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -s 6 -l ipv6 -d 'Use IPv6 only'
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -l json -d 'Print events as JSON Lines (one object per event, then a summary object)'
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -s q -l quiet -d 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript'
complete -c mailctl -n "__fish_mailctl_using_subcommand audit" -s h -l help -d 'Print help'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and not __fish_seen_subcommand_from smtp pop3 imap dns dkim dmarc check audit help" -f -a "smtp" -d 'SMTP and LMTP: send test mail, probe a server'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and not __fish_seen_subcommand_from smtp pop3 imap dns dkim dmarc check audit help" -f -a "pop3" -d 'POP3 (RFC 1939): look into a mailbox, retrieve messages, delete only when asked'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and not __fish_seen_subcommand_from smtp pop3 imap dns dkim dmarc check audit help" -f -a "imap" -d 'IMAP (RFC 9051 / RFC 3501): list mailboxes, search and fetch read-only, watch with IDLE'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and not __fish_seen_subcommand_from smtp pop3 imap dns dkim dmarc check audit help" -f -a "dns" -d 'DNS checks for mail: MX, SPF, DMARC, DKIM keys, MTA-STS, TLS-RPT, BIMI, and a full audit'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and not __fish_seen_subcommand_from smtp pop3 imap dns dkim dmarc check audit help" -f -a "dkim" -d 'DKIM: verify signatures with reasons you can act on, sign test mail, generate keys'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and not __fish_seen_subcommand_from smtp pop3 imap dns dkim dmarc check audit help" -f -a "dmarc" -d 'DMARC (RFC 7489): evaluate a received message: SPF, DKIM, alignment and the policy'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and not __fish_seen_subcommand_from smtp pop3 imap dns dkim dmarc check audit help" -f -a "check" -d 'Health checks for monitoring, CI and cron: a verdict with thresholds, Nagios and Prometheus output, exit codes 0 OK / 1 WARNING / 2 CRITICAL / 3 UNKNOWN'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and not __fish_seen_subcommand_from smtp pop3 imap dns dkim dmarc check audit help" -f -a "audit" -d 'Is a domain\'s mail set up right, end to end: DNS records, then every MX address probed live (STARTTLS, certificate, DANE, reverse DNS), findings by severity'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and not __fish_seen_subcommand_from smtp pop3 imap dns dkim dmarc check audit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from smtp" -f -a "send" -d 'Send a message (or probe with --quit-after), showing the whole dialogue'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from smtp" -f -a "shell" -d 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from smtp" -f -a "sink" -d 'Receive mail: a local SMTP/LMTP server that takes every message (like Postfix\'s smtp-sink) and shows each connection\'s dialogue from the server side (C: the client, S: the sink)'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from pop3" -f -a "capa" -d 'Show the server\'s capabilities (CAPA, RFC 2449); logs in only if --user is given'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from pop3" -f -a "stat" -d 'Number of messages and total size (STAT)'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from pop3" -f -a "list" -d 'Message numbers and sizes (LIST), all or one'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from pop3" -f -a "uidl" -d 'Message numbers and unique ids (UIDL), all or one'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from pop3" -f -a "retr" -d 'Retrieve one message (RETR), streamed to stdout or a file as it arrives'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from pop3" -f -a "top" -d 'Headers and the first LINES lines of the body (TOP)'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from pop3" -f -a "dele" -d 'Delete messages (DELE, committed by QUIT). The only subcommand that deletes'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from pop3" -f -a "noop" -d 'Log in and send NOOP: a login check'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from pop3" -f -a "shell" -d 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from imap" -f -a "capability" -d 'Show the server\'s capabilities (before and, with --user, after login)'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from imap" -f -a "list" -d 'List mailboxes (LIST), optionally with STATUS counters per mailbox'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from imap" -f -a "select" -d 'Open a mailbox read-only (EXAMINE) and show what the server reports about it'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from imap" -f -a "search" -d 'Search a mailbox (read-only) and print the matching message numbers (UIDs with --uid)'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from imap" -f -a "fetch" -d 'Fetch messages read-only (BODY.PEEK: \\Seen is not set unless --mark-seen)'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from imap" -f -a "idle" -d 'Wait for new mail with IDLE (RFC 2177) and print each event until interrupted or --for'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from imap" -f -a "raw" -d 'Log in, send one command and show the tagged reply (and untagged data)'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from imap" -f -a "shell" -d 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "mx" -d 'MX records by preference with each host\'s addresses; null MX (RFC 7505), implicit MX, MX pointing at a CNAME or an IP address'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "spf" -d 'The SPF record and its include/redirect tree with lookup counts; with --ip, the RFC 7208 result for that client'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "dmarc" -d 'The DMARC record (organizational-domain fallback), every tag with its effective value, and external report authorization for rua/ruf outside the domain'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "dkim" -d 'DKIM public keys: type, size, flags, revoked or unusable keys'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "mta-sts" -d 'The MTA-STS TXT record (_mta-sts)'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "tls-rpt" -d 'The SMTP TLS reporting record (_smtp._tls)'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "bimi" -d 'The BIMI record (<selector>._bimi)'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "check" -d 'Everything above for each domain, concurrently, with findings by severity and a summary'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from dkim" -f -a "verify" -d 'Verify the DKIM signatures of messages: .eml files, a directory of them, a Maildir (cur/ and new/), an mbox file, or stdin (`-`). One line per message and a summary; every signature with its tags, key lookup and a reason a person can act on'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from dkim" -f -a "sign" -d 'Sign a message (RSA-SHA256 or Ed25519-SHA256, relaxed/relaxed) and write it to stdout'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from dkim" -f -a "keygen" -d 'Generate a signing key and print the DNS TXT record to publish'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from dmarc" -f -a "evaluate" -d 'Evaluate DMARC for a message as the receiving server would (RFC 7489): SPF for the client IP and MAIL FROM, every DKIM signature, identifier alignment with the From domain, and the domain\'s policy; prints an Authentication-Results header (RFC 8601) and why'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from check" -f -a "smtp" -d 'Check an SMTP server: connect, greeting, EHLO, STARTTLS, AUTH (with --user), and with --send-test MAIL FROM / RCPT TO then RSET (no message is sent)'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from check" -f -a "imap" -d 'Check an IMAP server: connect, greeting, STARTTLS, CAPABILITY, and LOGIN (or AUTHENTICATE with --auth) when --user is given'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from check" -f -a "pop3" -d 'Check a POP3 server: connect, greeting, CAPA, STLS, and a login (USER/PASS, --apop or --auth) when --user is given'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from check" -f -a "roundtrip" -d 'Send a message with a unique token through SMTP submission, wait for it in the mailbox (IMAP or POP3), report the delivery latency, then delete only that message'
complete -c mailctl -n "__fish_mailctl_using_subcommand help; and __fish_seen_subcommand_from check" -f -a "domain" -d 'Audit a domain\'s mail for monitoring: the `mailctl audit` engine (DNS records, DNSSEC, every MX address probed with STARTTLS, certificate, DANE and reverse DNS, the RFC 6186 services) as one check. A finding of severity error is CRITICAL, a warning WARNING; the certificate closest to expiry among those presented is held to --cert-warn-days and --cert-crit-days, the whole audit\'s time to --warn and --crit'
