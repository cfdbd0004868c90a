
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'mailctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'mailctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'mailctl' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('smtp', 'smtp', [CompletionResultType]::ParameterValue, 'SMTP and LMTP: send test mail, probe a server')
            [CompletionResult]::new('pop3', 'pop3', [CompletionResultType]::ParameterValue, 'POP3 (RFC 1939): look into a mailbox, retrieve messages, delete only when asked')
            [CompletionResult]::new('imap', 'imap', [CompletionResultType]::ParameterValue, 'IMAP (RFC 9051 / RFC 3501): list mailboxes, search and fetch read-only, watch with IDLE')
            [CompletionResult]::new('jmap', 'jmap', [CompletionResultType]::ParameterValue, 'JMAP (RFC 8620 / RFC 8621) over HTTP: the session, mailboxes, search, fetch and download, send, and push')
            [CompletionResult]::new('dns', 'dns', [CompletionResultType]::ParameterValue, 'DNS checks for mail: MX, SPF, DMARC, DKIM keys, MTA-STS, TLS-RPT, BIMI, and a full audit')
            [CompletionResult]::new('dkim', 'dkim', [CompletionResultType]::ParameterValue, 'DKIM: verify signatures with reasons you can act on, sign test mail, generate keys')
            [CompletionResult]::new('dmarc', 'dmarc', [CompletionResultType]::ParameterValue, 'DMARC (RFC 7489): evaluate a received message: SPF, DKIM, alignment and the policy')
            [CompletionResult]::new('mime', 'mime', [CompletionResultType]::ParameterValue, 'MIME structure of a message file: the part tree with IMAP section numbers, offsets, sizes and problems; extract one part decoded')
            [CompletionResult]::new('pgp', 'pgp', [CompletionResultType]::ParameterValue, 'OpenPGP: verify a message''s PGP/MIME or inline signature, with the key from a file, the sender''s Web Key Directory or DNS')
            [CompletionResult]::new('wkd', 'wkd', [CompletionResultType]::ParameterValue, 'OpenPGP Web Key Directory: find the key for an address over HTTPS, advanced and direct methods, with findings')
            [CompletionResult]::new('smime', 'smime', [CompletionResultType]::ParameterValue, 'S/MIME (RFC 8551): verify a message''s signature against given CA certificates')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Health checks for monitoring, CI and cron: a verdict with thresholds, Nagios and Prometheus output, exit codes 0 OK / 1 WARNING / 2 CRITICAL / 3 UNKNOWN')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Is a domain''s mail set up right, end to end: DNS records, then every MX address probed live (STARTTLS, certificate, DANE, reverse DNS), findings by severity')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;smtp' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message (or probe with --quit-after), showing the whole dialogue')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one')
            [CompletionResult]::new('sink', 'sink', [CompletionResultType]::ParameterValue, 'Receive mail: a local SMTP/LMTP server that takes every message (like Postfix''s smtp-sink) and shows each connection''s dialogue from the server side (C: the client, S: the sink)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;smtp;send' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Envelope sender (MAIL FROM). `<>` or "" for the null sender. Default: $USER@HOSTNAME')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Envelope sender (MAIL FROM). `<>` or "" for the null sender. Default: $USER@HOSTNAME')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Recipient (repeatable, or comma-separated)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Recipient (repeatable, or comma-separated)')
            [CompletionResult]::new('--cc', '--cc', [CompletionResultType]::ParameterName, 'Carbon-copy recipient: in the envelope and the Cc header (repeatable)')
            [CompletionResult]::new('--bcc', '--bcc', [CompletionResultType]::ParameterName, 'Blind recipient: in the envelope only (repeatable)')
            [CompletionResult]::new('--helo', '--helo', [CompletionResultType]::ParameterName, 'Name to send with EHLO/HELO/LHLO. Default: this machine''s host name')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Authenticate (needs --user, except `external`; --user alone authenticates as with `--auth auto`). `auto` picks the strongest mechanism offered; SCRAM logins fail (exit 23) unless the server proves it knows the password too')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authenticate (needs --user, except `external`; --user alone authenticates as with `--auth auto`). `auto` picks the strongest mechanism offered; SCRAM logins fail (exit 23) unless the server proves it knows the password too')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject of the generated message')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Text body of the generated message')
            [CompletionResult]::new('--body-file', '--body-file', [CompletionResultType]::ParameterName, 'Read the text body from a file')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra header, ''Name: value'' (repeatable). Replaces the generated header of the same name')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra header, ''Name: value'' (repeatable). Replaces the generated header of the same name')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Attach a file (repeatable); the content type is guessed from the file name')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Send this file as the whole message, as is (`-` for stdin). Line endings become CRLF and leading dots are doubled on the wire')
            [CompletionResult]::new('--notify', '--notify', [CompletionResultType]::ParameterName, 'Ask for delivery status notifications (DSN, RFC 3461) for every recipient: `never`, or any of `success`, `failure`, `delay` (comma-separated). Also sends ORCPT (the recipient as given). A server without DSN is exit 18 (capability): nothing is sent')
            [CompletionResult]::new('--ret', '--ret', [CompletionResultType]::ParameterName, 'DSN: return the full message (`full`) or only its headers (`hdrs`) in a notification')
            [CompletionResult]::new('--envid', '--envid', [CompletionResultType]::ParameterName, 'DSN: an envelope identifier returned in every notification (printable ASCII)')
            [CompletionResult]::new('--quit-after', '--quit-after', [CompletionResultType]::ParameterName, 'Stop after this step and QUIT (for probing a server without sending mail)')
            [CompletionResult]::new('--drop-after', '--drop-after', [CompletionResultType]::ParameterName, 'Like --quit-after, but close the connection without QUIT (how does the server handle a client that vanishes here?). `dot`: send the whole message and its end, then close before the server''s reply')
            [CompletionResult]::new('--xclient', '--xclient', [CompletionResultType]::ParameterName, 'Send Postfix XCLIENT with this attribute after EHLO (and STARTTLS), e.g. ADDR=192.0.2.1, NAME=relay.example, HELO=…, LOGIN=…, PROTO=ESMTP (repeatable; or several in one value, space-separated). Only attributes the server lists are sent; the server must authorize this client (smtpd_authorized_xclient_hosts), else exit 18 before anything is sent')
            [CompletionResult]::new('--vrfy', '--vrfy', [CompletionResultType]::ParameterName, 'Ask VRFY ADDR (RFC 5321 §3.5) after EHLO/STARTTLS/AUTH, before any mail (repeatable). Without --to it is a probe: the session ends after the answers. 250/251/252 are answers; any other reply ends the session (exit 29, phase command)')
            [CompletionResult]::new('--expn', '--expn', [CompletionResultType]::ParameterName, 'Ask EXPN LIST (RFC 5321 §3.5.2), like --vrfy (repeatable)')
            [CompletionResult]::new('--dkim-key', '--dkim-key', [CompletionResultType]::ParameterName, 'DKIM-sign the message with this private key (PEM) before sending')
            [CompletionResult]::new('--dkim-selector', '--dkim-selector', [CompletionResultType]::ParameterName, 'DKIM selector (s=) for --dkim-key')
            [CompletionResult]::new('--dkim-domain', '--dkim-domain', [CompletionResultType]::ParameterName, 'DKIM signing domain (d=). Default: the domain of --from')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Load mode: send N messages (a new session per message unless --per-session), then print messages/s, latency percentiles per phase and errors by reply code and phase. Only the first session''s transcript is shown (--transcript all for every session). Ctrl-C ends the run early with the summary so far (exit 130): the first lets the messages in flight finish, a second drops them')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Load mode: sessions open at once. Default 1')
            [CompletionResult]::new('--per-session', '--per-session', [CompletionResultType]::ParameterName, 'Load mode: send up to M messages per session (the next MAIL follows the previous reply; RSET after a refused transaction). Default 1: a new session per message')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Load mode: start at most R messages per second (e.g. 50, 50/s, 600/m). Default: no limit')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Load mode: generate each message padded to exactly this many bytes (e.g. 1024, 1k, 2M; k = 1024), with its own Message-ID. Without --size the message options above are used; a generated message still gets its own Message-ID, a --data file is sent as is')
            [CompletionResult]::new('--transcript', '--transcript', [CompletionResultType]::ParameterName, 'Load mode: whose dialogue to show: the first session''s, or every session''s (each transaction shown as one block)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--lmtp', '--lmtp', [CompletionResultType]::ParameterName, 'Speak LMTP (RFC 2033): LHLO, and one reply per recipient after the message')
            [CompletionResult]::new('--no-pipelining', '--no-pipelining', [CompletionResultType]::ParameterName, 'Do not pipeline commands, even when the server offers PIPELINING')
            [CompletionResult]::new('--bdat', '--bdat', [CompletionResultType]::ParameterName, 'Send the message with BDAT (CHUNKING, RFC 3030) instead of DATA. A server without CHUNKING is exit 18 (capability): nothing is sent, the session ends with QUIT')
            [CompletionResult]::new('--requiretls', '--requiretls', [CompletionResultType]::ParameterName, 'Send MAIL FROM with REQUIRETLS (RFC 8689): the message must only travel over verified TLS. Needs --tls or --starttls; a server without REQUIRETLS is exit 18: nothing is sent')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show the message body line by line in the transcript instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;smtp;shell' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('--script', '--script', [CompletionResultType]::ParameterName, 'Run this script instead of reading the terminal (`-` for stdin)')
            [CompletionResult]::new('--send', '--send', [CompletionResultType]::ParameterName, 'Send this line (repeatable, in order); with --expect, a check of each reply. A line that would put a credential in argv, where ps shows it (POP3 PASS x, APOP user digest, IMAP LOGIN user pass or with a {n} literal, an AUTH/AUTHENTICATE initial response, the line right after a bare AUTH MECH) is refused: use :login or :auth with --user, or a --script file')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'The reply to the --send of the same position must match (repeatable; '''' checks nothing): SMTP 250 (or 2, 25), POP3 +OK/-ERR, IMAP OK/NO/BAD, optionally followed by text the reply must contain')
            [CompletionResult]::new('--max-reply', '--max-reply', [CompletionResultType]::ParameterName, 'The most bytes one reply may hold (a POP3 RETR, the responses to one IMAP command, checked as they arrive; also the IMAP updates an IDLE keeps for `<`, oldest dropped): e.g. 1024, 64k, 16M. A reply over it ends the session (exit 7)')
            [CompletionResult]::new('--helo', '--helo', [CompletionResultType]::ParameterName, 'SMTP: the name for the EHLO that --starttls sends before and after the upgrade. Default: this machine''s host name')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show the message `:data` sends line by line instead of a size summary (what the server sends is always shown line by line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;smtp;sink' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on: IP:PORT, [IPv6]:PORT (port 0: any free port, shown at start)')
            [CompletionResult]::new('--hostname', '--hostname', [CompletionResultType]::ParameterName, 'Our name in the greeting, the EHLO reply and the Received: header. Default: this machine''s host name')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Server certificate chain (PEM, leaf first): offers STARTTLS (or --tls)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key for --cert (PEM: PKCS#8, PKCS#1 or SEC1)')
            [CompletionResult]::new('--auth-user', '--auth-user', [CompletionResultType]::ParameterName, 'Accept AUTH (PLAIN, LOGIN, CRAM-MD5) only as this user; the password comes from --auth-password-env, --auth-password-file or MAILCTL_PASSWORD, never the command line')
            [CompletionResult]::new('--auth-password-env', '--auth-password-env', [CompletionResultType]::ParameterName, 'Read --auth-user''s password from this environment variable')
            [CompletionResult]::new('--auth-password-file', '--auth-password-file', [CompletionResultType]::ParameterName, 'Read --auth-user''s password from the first line of this file')
            [CompletionResult]::new('--maildir', '--maildir', [CompletionResultType]::ParameterName, 'Store each message in this Maildir (new/, through tmp/; created if missing)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Store each message in this directory as NAME.eml, with its envelope (sender, recipients, EHLO name, client address, TLS, AUTH user, parameters, time) in NAME.json')
            [CompletionResult]::new('--reply', '--reply', [CompletionResultType]::ParameterName, 'Scripted reply, repeatable: STAGE[:MATCH]=CODE[ TEXT]. Stages: banner, ehlo, helo, auth, mail, rcpt, data (the reply to DATA itself), dot (after the message; MATCH is checked against each recipient, and in LMTP sets that recipient''s own reply), bdat, rset, quit, starttls. MATCH (up to the first `=`) applies the reply only when the command''s argument contains it, ignoring case. The first matching --reply wins. E.g. `banner=554`, `rcpt:bob@=450 4.2.1 try later`, `dot=552`')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest message taken (SIZE, RFC 1870): advertised, and a bigger one is read to its end and refused with 552 (e.g. 10M, 512k)')
            [CompletionResult]::new('--max-rcpt', '--max-rcpt', [CompletionResultType]::ParameterName, 'Most recipients per message; more get 452 (RFC 5321 §4.5.3.1.10)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long a client may take to send a command (and each 16 KiB of a message) before its connection is dropped (RFC 5321 §4.5.3.2.7: 5 minutes)')
            [CompletionResult]::new('--session-time', '--session-time', [CompletionResultType]::ParameterName, 'How long one connection may last, however it paces itself; then 421 and closed')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Connections served at once; one more is answered 421 and closed')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Stop after this many messages were taken (the connections still open may finish)')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Stop after this long (e.g. 30s, 10m)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--lmtp', '--lmtp', [CompletionResultType]::ParameterName, 'Speak LMTP (RFC 2033): LHLO, and one reply per recipient after the message')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS (SMTPS): every connection starts with a TLS handshake. Needs --cert/--key')
            [CompletionResult]::new('--auth-any', '--auth-any', [CompletionResultType]::ParameterName, 'Accept AUTH with any user name and password')
            [CompletionResult]::new('--auth-plaintext', '--auth-plaintext', [CompletionResultType]::ParameterName, 'Offer AUTH without TLS too (by default only after STARTTLS or with --tls)')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show each message line in the transcript instead of a size summary')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show clients'' AUTH payloads instead of `***`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;smtp;help' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message (or probe with --quit-after), showing the whole dialogue')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one')
            [CompletionResult]::new('sink', 'sink', [CompletionResultType]::ParameterValue, 'Receive mail: a local SMTP/LMTP server that takes every message (like Postfix''s smtp-sink) and shows each connection''s dialogue from the server side (C: the client, S: the sink)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;smtp;help;send' {
            break
        }
        'mailctl;smtp;help;shell' {
            break
        }
        'mailctl;smtp;help;sink' {
            break
        }
        'mailctl;smtp;help;help' {
            break
        }
        'mailctl;pop3' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('capa', 'capa', [CompletionResultType]::ParameterValue, 'Show the server''s capabilities (CAPA, RFC 2449); logs in only if --user is given')
            [CompletionResult]::new('stat', 'stat', [CompletionResultType]::ParameterValue, 'Number of messages and total size (STAT)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Message numbers and sizes (LIST), all or one')
            [CompletionResult]::new('uidl', 'uidl', [CompletionResultType]::ParameterValue, 'Message numbers and unique ids (UIDL), all or one')
            [CompletionResult]::new('retr', 'retr', [CompletionResultType]::ParameterValue, 'Retrieve one message (RETR), streamed to stdout or a file as it arrives')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'Headers and the first LINES lines of the body (TOP)')
            [CompletionResult]::new('dele', 'dele', [CompletionResultType]::ParameterValue, 'Delete messages (DELE, committed by QUIT). The only subcommand that deletes')
            [CompletionResult]::new('noop', 'noop', [CompletionResultType]::ParameterValue, 'Log in and send NOOP: a login check')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;pop3;capa' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--apop', '--apop', [CompletionResultType]::ParameterName, 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message bodies in the transcript line by line instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;pop3;stat' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--apop', '--apop', [CompletionResultType]::ParameterName, 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message bodies in the transcript line by line instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;pop3;list' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--apop', '--apop', [CompletionResultType]::ParameterName, 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message bodies in the transcript line by line instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;pop3;uidl' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--apop', '--apop', [CompletionResultType]::ParameterName, 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message bodies in the transcript line by line instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;pop3;retr' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the message to FILE instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the message to FILE instead of stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--apop', '--apop', [CompletionResultType]::ParameterName, 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message bodies in the transcript line by line instead of a size summary')
            [CompletionResult]::new('--uid', '--uid', [CompletionResultType]::ParameterName, 'Take MSG as a UIDL unique id')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite FILE if it exists')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'Delete the message on the server after it was completely written and synced to disk. To stdout only when stdout is a regular file (> FILE); refused for a pipe or terminal')
            [CompletionResult]::new('--mime', '--mime', [CompletionResultType]::ParameterName, 'With -o FILE: after writing the message, show its MIME tree as `mime show` does (sections, types, sizes, offsets, PGP/S/MIME labels, problems)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;pop3;top' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--apop', '--apop', [CompletionResultType]::ParameterName, 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message bodies in the transcript line by line instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;pop3;dele' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--apop', '--apop', [CompletionResultType]::ParameterName, 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message bodies in the transcript line by line instead of a size summary')
            [CompletionResult]::new('--uid', '--uid', [CompletionResultType]::ParameterName, 'Take the arguments as UIDL unique ids')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;pop3;noop' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with SASL AUTH (RFC 5034) instead of USER/PASS; `auto` picks the strongest offered. `external` needs no --user')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--apop', '--apop', [CompletionResultType]::ParameterName, 'Log in with APOP (RFC 1939 §7): needs the timestamp in the server greeting')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message bodies in the transcript line by line instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;pop3;shell' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('--script', '--script', [CompletionResultType]::ParameterName, 'Run this script instead of reading the terminal (`-` for stdin)')
            [CompletionResult]::new('--send', '--send', [CompletionResultType]::ParameterName, 'Send this line (repeatable, in order); with --expect, a check of each reply. A line that would put a credential in argv, where ps shows it (POP3 PASS x, APOP user digest, IMAP LOGIN user pass or with a {n} literal, an AUTH/AUTHENTICATE initial response, the line right after a bare AUTH MECH) is refused: use :login or :auth with --user, or a --script file')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'The reply to the --send of the same position must match (repeatable; '''' checks nothing): SMTP 250 (or 2, 25), POP3 +OK/-ERR, IMAP OK/NO/BAD, optionally followed by text the reply must contain')
            [CompletionResult]::new('--max-reply', '--max-reply', [CompletionResultType]::ParameterName, 'The most bytes one reply may hold (a POP3 RETR, the responses to one IMAP command, checked as they arrive; also the IMAP updates an IDLE keeps for `<`, oldest dropped): e.g. 1024, 64k, 16M. A reply over it ends the session (exit 7)')
            [CompletionResult]::new('--helo', '--helo', [CompletionResultType]::ParameterName, 'SMTP: the name for the EHLO that --starttls sends before and after the upgrade. Default: this machine''s host name')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show the message `:data` sends line by line instead of a size summary (what the server sends is always shown line by line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;pop3;help' {
            [CompletionResult]::new('capa', 'capa', [CompletionResultType]::ParameterValue, 'Show the server''s capabilities (CAPA, RFC 2449); logs in only if --user is given')
            [CompletionResult]::new('stat', 'stat', [CompletionResultType]::ParameterValue, 'Number of messages and total size (STAT)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Message numbers and sizes (LIST), all or one')
            [CompletionResult]::new('uidl', 'uidl', [CompletionResultType]::ParameterValue, 'Message numbers and unique ids (UIDL), all or one')
            [CompletionResult]::new('retr', 'retr', [CompletionResultType]::ParameterValue, 'Retrieve one message (RETR), streamed to stdout or a file as it arrives')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'Headers and the first LINES lines of the body (TOP)')
            [CompletionResult]::new('dele', 'dele', [CompletionResultType]::ParameterValue, 'Delete messages (DELE, committed by QUIT). The only subcommand that deletes')
            [CompletionResult]::new('noop', 'noop', [CompletionResultType]::ParameterValue, 'Log in and send NOOP: a login check')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;pop3;help;capa' {
            break
        }
        'mailctl;pop3;help;stat' {
            break
        }
        'mailctl;pop3;help;list' {
            break
        }
        'mailctl;pop3;help;uidl' {
            break
        }
        'mailctl;pop3;help;retr' {
            break
        }
        'mailctl;pop3;help;top' {
            break
        }
        'mailctl;pop3;help;dele' {
            break
        }
        'mailctl;pop3;help;noop' {
            break
        }
        'mailctl;pop3;help;shell' {
            break
        }
        'mailctl;pop3;help;help' {
            break
        }
        'mailctl;imap' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('capability', 'capability', [CompletionResultType]::ParameterValue, 'Show the server''s capabilities (before and, with --user, after login)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List mailboxes (LIST), optionally with STATUS counters per mailbox')
            [CompletionResult]::new('select', 'select', [CompletionResultType]::ParameterValue, 'Open a mailbox read-only (EXAMINE) and show what the server reports about it')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search a mailbox (read-only) and print the matching message numbers (UIDs with --uid)')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch messages read-only (BODY.PEEK: \Seen is not set unless --mark-seen)')
            [CompletionResult]::new('idle', 'idle', [CompletionResultType]::ParameterValue, 'Wait for new mail with IDLE (RFC 2177) and print each event until interrupted or --for')
            [CompletionResult]::new('raw', 'raw', [CompletionResultType]::ParameterValue, 'Log in, send one command and show the tagged reply (and untagged data)')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;imap;capability' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message data in the transcript instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;imap;list' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message data in the transcript instead of a size summary')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Add MESSAGES, UNSEEN, RECENT, UIDNEXT and UIDVALIDITY for each mailbox (STATUS)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;imap;select' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message data in the transcript instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;imap;search' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message data in the transcript instead of a size summary')
            [CompletionResult]::new('--uid', '--uid', [CompletionResultType]::ParameterName, 'Return UIDs (UID SEARCH)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;imap;fetch' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--part', '--part', [CompletionResultType]::ParameterName, 'Write one body section (e.g. 1, 1.2, HEADER, TEXT) of each message')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output: a directory for --full; a file for --part (default stdout)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output: a directory for --full; a file for --part (default stdout)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message data in the transcript instead of a size summary')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Show the header table (the default)')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Write each whole message as DIR/<UID>.eml')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite existing files')
            [CompletionResult]::new('--uid', '--uid', [CompletionResultType]::ParameterName, 'The set is UIDs (UID FETCH)')
            [CompletionResult]::new('--mark-seen', '--mark-seen', [CompletionResultType]::ParameterName, 'Fetch with BODY[] instead of BODY.PEEK[]: the server marks the messages \Seen')
            [CompletionResult]::new('--mime', '--mime', [CompletionResultType]::ParameterName, 'With --full: after writing each message, show its MIME tree as `mime show` does (sections, types, sizes, offsets, PGP/S/MIME labels, problems)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;imap;idle' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Stop after this long (e.g. 30s, 5m)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message data in the transcript instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;imap;raw' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with AUTHENTICATE (SASL, with SASL-IR when offered) instead of LOGIN; `auto` picks the strongest mechanism offered. `external` needs no --user')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show message data in the transcript instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;imap;shell' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('--script', '--script', [CompletionResultType]::ParameterName, 'Run this script instead of reading the terminal (`-` for stdin)')
            [CompletionResult]::new('--send', '--send', [CompletionResultType]::ParameterName, 'Send this line (repeatable, in order); with --expect, a check of each reply. A line that would put a credential in argv, where ps shows it (POP3 PASS x, APOP user digest, IMAP LOGIN user pass or with a {n} literal, an AUTH/AUTHENTICATE initial response, the line right after a bare AUTH MECH) is refused: use :login or :auth with --user, or a --script file')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'The reply to the --send of the same position must match (repeatable; '''' checks nothing): SMTP 250 (or 2, 25), POP3 +OK/-ERR, IMAP OK/NO/BAD, optionally followed by text the reply must contain')
            [CompletionResult]::new('--max-reply', '--max-reply', [CompletionResultType]::ParameterName, 'The most bytes one reply may hold (a POP3 RETR, the responses to one IMAP command, checked as they arrive; also the IMAP updates an IDLE keeps for `<`, oldest dropped): e.g. 1024, 64k, 16M. A reply over it ends the session (exit 7)')
            [CompletionResult]::new('--helo', '--helo', [CompletionResultType]::ParameterName, 'SMTP: the name for the EHLO that --starttls sends before and after the upgrade. Default: this machine''s host name')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show the message `:data` sends line by line instead of a size summary (what the server sends is always shown line by line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;imap;help' {
            [CompletionResult]::new('capability', 'capability', [CompletionResultType]::ParameterValue, 'Show the server''s capabilities (before and, with --user, after login)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List mailboxes (LIST), optionally with STATUS counters per mailbox')
            [CompletionResult]::new('select', 'select', [CompletionResultType]::ParameterValue, 'Open a mailbox read-only (EXAMINE) and show what the server reports about it')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search a mailbox (read-only) and print the matching message numbers (UIDs with --uid)')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch messages read-only (BODY.PEEK: \Seen is not set unless --mark-seen)')
            [CompletionResult]::new('idle', 'idle', [CompletionResultType]::ParameterValue, 'Wait for new mail with IDLE (RFC 2177) and print each event until interrupted or --for')
            [CompletionResult]::new('raw', 'raw', [CompletionResultType]::ParameterValue, 'Log in, send one command and show the tagged reply (and untagged data)')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;imap;help;capability' {
            break
        }
        'mailctl;imap;help;list' {
            break
        }
        'mailctl;imap;help;select' {
            break
        }
        'mailctl;imap;help;search' {
            break
        }
        'mailctl;imap;help;fetch' {
            break
        }
        'mailctl;imap;help;idle' {
            break
        }
        'mailctl;imap;help;raw' {
            break
        }
        'mailctl;imap;help;shell' {
            break
        }
        'mailctl;imap;help;help' {
            break
        }
        'mailctl;jmap' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('capability', 'capability', [CompletionResultType]::ParameterValue, 'The session resource summarised: accounts, capabilities and their limits (maxSizeUpload, maxCallsInRequest, maxObjectsInGet …), and the API, download, upload and event-source URLs')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Mailboxes (Mailbox/get): name, role, total and unread emails and threads')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find emails (Email/query, newest first) and show their header table')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Show emails'' header table (Email/get), or write one raw message (RFC 5322 bytes from the download URL) to a file or stdout with --raw')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message: uploaded as is, Email/import into the Drafts mailbox, then EmailSubmission/set (RFC 8621 §7) with an explicit envelope; on success the email moves to Sent. Per-recipient results from the server''s deliveryStatus')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Wait for changes pushed over the event source (RFC 8620 §7.3) and show each state change, until --for, --count or --max-time')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;jmap;capability' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to authenticate: `basic` (the default with --user) or `bearer`')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send a connection for HOST1:PORT1 to HOST2:PORT2 instead (curl''s syntax: empty fields match any or keep the original); the certificate is still checked against HOST1 and the Host header names it. Repeatable')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show request and response bodies in the transcript (JSON pretty-printed) instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;jmap;list' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to authenticate: `basic` (the default with --user) or `bearer`')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send a connection for HOST1:PORT1 to HOST2:PORT2 instead (curl''s syntax: empty fields match any or keep the original); the certificate is still checked against HOST1 and the Host header names it. Repeatable')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show request and response bodies in the transcript (JSON pretty-printed) instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;jmap;search' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to authenticate: `basic` (the default with --user) or `bearer`')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send a connection for HOST1:PORT1 to HOST2:PORT2 instead (curl''s syntax: empty fields match any or keep the original); the certificate is still checked against HOST1 and the Host header names it. Repeatable')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'From header contains this text')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'To header contains this text')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject contains this text')
            [CompletionResult]::new('--text', '--text', [CompletionResultType]::ParameterName, 'Any header or body text contains this (servers answer from their search index)')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Received before this UTC time (RFC 3339, e.g. 2026-12-01T00:00:00Z, or a date)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Received at or after this UTC time (RFC 3339, or a date)')
            [CompletionResult]::new('--in-mailbox', '--in-mailbox', [CompletionResultType]::ParameterName, 'Only in this mailbox: its name (as `list` shows it), role (inbox, sent …) or id')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many emails')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show request and response bodies in the transcript (JSON pretty-printed) instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;jmap;fetch' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to authenticate: `basic` (the default with --user) or `bearer`')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send a connection for HOST1:PORT1 to HOST2:PORT2 instead (curl''s syntax: empty fields match any or keep the original); the certificate is still checked against HOST1 and the Host header names it. Repeatable')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The file for --raw')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The file for --raw')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show request and response bodies in the transcript (JSON pretty-printed) instead of a size summary')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Download the whole message (one id) as it is stored, streamed to -o FILE (created new, renamed into place when complete) or stdout')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite the output file')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;jmap;send' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to authenticate: `basic` (the default with --user) or `bearer`')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send a connection for HOST1:PORT1 to HOST2:PORT2 instead (curl''s syntax: empty fields match any or keep the original); the certificate is still checked against HOST1 and the Host header names it. Repeatable')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Envelope sender and From: header (must match one of the account''s identities)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Envelope sender and From: header (must match one of the account''s identities)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Recipient (repeatable); also the To: header of a built message')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Recipient (repeatable); also the To: header of a built message')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject of a built message')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Body text of a built message')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra header of a built message, ''Name: value'' (repeatable)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Send this message file (or - for stdin) as it is instead of building one')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show request and response bodies in the transcript (JSON pretty-printed) instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;jmap;watch' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to authenticate: `basic` (the default with --user) or `bearer`')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send a connection for HOST1:PORT1 to HOST2:PORT2 instead (curl''s syntax: empty fields match any or keep the original); the certificate is still checked against HOST1 and the Host header names it. Repeatable')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Stop after this long (e.g. 30s, 5m)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after this many state changes')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--show-data', '--show-data', [CompletionResultType]::ParameterName, 'Show request and response bodies in the transcript (JSON pretty-printed) instead of a size summary')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;jmap;help' {
            [CompletionResult]::new('capability', 'capability', [CompletionResultType]::ParameterValue, 'The session resource summarised: accounts, capabilities and their limits (maxSizeUpload, maxCallsInRequest, maxObjectsInGet …), and the API, download, upload and event-source URLs')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Mailboxes (Mailbox/get): name, role, total and unread emails and threads')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find emails (Email/query, newest first) and show their header table')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Show emails'' header table (Email/get), or write one raw message (RFC 5322 bytes from the download URL) to a file or stdout with --raw')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message: uploaded as is, Email/import into the Drafts mailbox, then EmailSubmission/set (RFC 8621 §7) with an explicit envelope; on success the email moves to Sent. Per-recipient results from the server''s deliveryStatus')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Wait for changes pushed over the event source (RFC 8620 §7.3) and show each state change, until --for, --count or --max-time')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;jmap;help;capability' {
            break
        }
        'mailctl;jmap;help;list' {
            break
        }
        'mailctl;jmap;help;search' {
            break
        }
        'mailctl;jmap;help;fetch' {
            break
        }
        'mailctl;jmap;help;send' {
            break
        }
        'mailctl;jmap;help;watch' {
            break
        }
        'mailctl;jmap;help;help' {
            break
        }
        'mailctl;dns' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('mx', 'mx', [CompletionResultType]::ParameterValue, 'MX records by preference with each host''s addresses; null MX (RFC 7505), implicit MX, MX pointing at a CNAME or an IP address')
            [CompletionResult]::new('spf', 'spf', [CompletionResultType]::ParameterValue, 'The SPF record and its include/redirect tree with lookup counts; with --ip, the RFC 7208 result for that client')
            [CompletionResult]::new('dmarc', 'dmarc', [CompletionResultType]::ParameterValue, 'The DMARC record (organizational-domain fallback), every tag with its effective value, and external report authorization for rua/ruf outside the domain')
            [CompletionResult]::new('dkim', 'dkim', [CompletionResultType]::ParameterValue, 'DKIM public keys: type, size, flags, revoked or unusable keys')
            [CompletionResult]::new('mta-sts', 'mta-sts', [CompletionResultType]::ParameterValue, 'The MTA-STS TXT record (_mta-sts)')
            [CompletionResult]::new('tls-rpt', 'tls-rpt', [CompletionResultType]::ParameterValue, 'The SMTP TLS reporting record (_smtp._tls)')
            [CompletionResult]::new('bimi', 'bimi', [CompletionResultType]::ParameterValue, 'The BIMI record (<selector>._bimi)')
            [CompletionResult]::new('openpgpkey', 'openpgpkey', [CompletionResultType]::ParameterValue, 'The OPENPGPKEY record of an address (RFC 7929): the owner name (SHA-256 of the local part, 28 octets, hex, under _openpgpkey.DOMAIN), the key in it (fingerprint, user IDs, expiry), and findings: no record, a key for another address, expired or revoked, several records')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Everything above for each domain, concurrently, with findings by severity and a summary')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;dns;mx' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;dns;spf' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'Evaluate for this client IP (check_host, RFC 7208 §4)')
            [CompletionResult]::new('--sender', '--sender', [CompletionResultType]::ParameterName, 'MAIL FROM address for the evaluation (default postmaster@DOMAIN; "" for the null sender)')
            [CompletionResult]::new('--helo', '--helo', [CompletionResultType]::ParameterName, 'HELO/EHLO name for the evaluation')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;dns;dmarc' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;dns;dkim' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;dns;mta-sts' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;dns;tls-rpt' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;dns;bimi' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'BIMI selector: the record is looked up at SELECTOR._bimi.DOMAIN')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;dns;openpgpkey' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--trust-anchor', '--trust-anchor', [CompletionResultType]::ParameterName, 'Trust these DNSKEY records (a file in zone-file format) instead of the root zone''s keys: for private or test zones. Implies --dnssec')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--dnssec', '--dnssec', [CompletionResultType]::ParameterName, 'Validate the answer with DNSSEC (RFC 7929 §7: a key from DNS is only as good as its validation): secure, insecure or bogus, as a finding')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;dns;check' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'DKIM selectors to check (repeatable or comma-separated)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;dns;help' {
            [CompletionResult]::new('mx', 'mx', [CompletionResultType]::ParameterValue, 'MX records by preference with each host''s addresses; null MX (RFC 7505), implicit MX, MX pointing at a CNAME or an IP address')
            [CompletionResult]::new('spf', 'spf', [CompletionResultType]::ParameterValue, 'The SPF record and its include/redirect tree with lookup counts; with --ip, the RFC 7208 result for that client')
            [CompletionResult]::new('dmarc', 'dmarc', [CompletionResultType]::ParameterValue, 'The DMARC record (organizational-domain fallback), every tag with its effective value, and external report authorization for rua/ruf outside the domain')
            [CompletionResult]::new('dkim', 'dkim', [CompletionResultType]::ParameterValue, 'DKIM public keys: type, size, flags, revoked or unusable keys')
            [CompletionResult]::new('mta-sts', 'mta-sts', [CompletionResultType]::ParameterValue, 'The MTA-STS TXT record (_mta-sts)')
            [CompletionResult]::new('tls-rpt', 'tls-rpt', [CompletionResultType]::ParameterValue, 'The SMTP TLS reporting record (_smtp._tls)')
            [CompletionResult]::new('bimi', 'bimi', [CompletionResultType]::ParameterValue, 'The BIMI record (<selector>._bimi)')
            [CompletionResult]::new('openpgpkey', 'openpgpkey', [CompletionResultType]::ParameterValue, 'The OPENPGPKEY record of an address (RFC 7929): the owner name (SHA-256 of the local part, 28 octets, hex, under _openpgpkey.DOMAIN), the key in it (fingerprint, user IDs, expiry), and findings: no record, a key for another address, expired or revoked, several records')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Everything above for each domain, concurrently, with findings by severity and a summary')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;dns;help;mx' {
            break
        }
        'mailctl;dns;help;spf' {
            break
        }
        'mailctl;dns;help;dmarc' {
            break
        }
        'mailctl;dns;help;dkim' {
            break
        }
        'mailctl;dns;help;mta-sts' {
            break
        }
        'mailctl;dns;help;tls-rpt' {
            break
        }
        'mailctl;dns;help;bimi' {
            break
        }
        'mailctl;dns;help;openpgpkey' {
            break
        }
        'mailctl;dns;help;check' {
            break
        }
        'mailctl;dns;help;help' {
            break
        }
        'mailctl;dkim' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the DKIM signatures of messages: .eml files, a directory of them, a Maildir (cur/ and new/), an mbox file, or stdin (`-`). One line per message and a summary; every signature with its tags, key lookup and a reason a person can act on')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a message (RSA-SHA256 or Ed25519-SHA256, relaxed/relaxed) and write it to stdout')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Generate a signing key and print the DNS TXT record to publish')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;dkim;verify' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Verify as of this time instead of now, for mail that was valid when it arrived: the x= expiry and the future-t= check use it. RFC 3339 (2026-01-05T10:00:00Z) or Unix seconds')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Use this key instead of DNS for SELECTOR._domainkey.DOMAIN, e.g. to verify before publishing: a PEM public key (PUBLIC KEY or RSA PUBLIC KEY) or the TXT record text (zone-file quoted strings are joined). No DNS query is made for that name. Repeatable')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--debug-canon', '--debug-canon', [CompletionResultType]::ParameterName, 'Show the canonicalized header block and body hash input of each signature')
            [CompletionResult]::new('--arc', '--arc', [CompletionResultType]::ParameterName, 'Also validate the ARC chain (RFC 8617)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;dkim;sign' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM, PKCS#8 or PKCS#1), as written by `dkim keygen`')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Selector (s=): the key is published at SELECTOR._domainkey.DOMAIN')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Signing domain (d=)')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Headers to sign (comma-separated). Default: those of From, To, Cc, Subject, Date, Message-ID, Reply-To, In-Reply-To, References, MIME-Version and Content-Type that the message has (others, such as List-Id, are not signed unless named here)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;dkim;keygen' {
            [CompletionResult]::new('--algo', '--algo', [CompletionResultType]::ParameterName, 'Key type: rsa (signs rsa-sha256) or ed25519 (ed25519-sha256, RFC 8463; not every verifier supports it yet)')
            [CompletionResult]::new('--bits', '--bits', [CompletionResultType]::ParameterName, 'RSA key size (2048 to 4096: what the signer supports, and RFC 8301 wants >= 1024)')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Selector: the TXT record is printed for SELECTOR._domainkey.DOMAIN')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Domain the key signs for (d=)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the private key (PEM, mode 0600)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the private key (PEM, mode 0600)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing key file')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;dkim;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the DKIM signatures of messages: .eml files, a directory of them, a Maildir (cur/ and new/), an mbox file, or stdin (`-`). One line per message and a summary; every signature with its tags, key lookup and a reason a person can act on')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a message (RSA-SHA256 or Ed25519-SHA256, relaxed/relaxed) and write it to stdout')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Generate a signing key and print the DNS TXT record to publish')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;dkim;help;verify' {
            break
        }
        'mailctl;dkim;help;sign' {
            break
        }
        'mailctl;dkim;help;keygen' {
            break
        }
        'mailctl;dkim;help;help' {
            break
        }
        'mailctl;dmarc' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('evaluate', 'evaluate', [CompletionResultType]::ParameterValue, 'Evaluate DMARC for a message as the receiving server would (RFC 7489): SPF for the client IP and MAIL FROM, every DKIM signature, identifier alignment with the From domain, and the domain''s policy; prints an Authentication-Results header (RFC 8601) and why')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;dmarc;evaluate' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'The SMTP client''s IP address')
            [CompletionResult]::new('--mail-from', '--mail-from', [CompletionResultType]::ParameterName, 'The SMTP MAIL FROM address ("" for the null sender: SPF then checks the HELO name)')
            [CompletionResult]::new('--helo', '--helo', [CompletionResultType]::ParameterName, 'The HELO/EHLO name the client gave (default: the MAIL FROM domain; required for the null sender)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Verify as of this time instead of now, for mail that was valid when it arrived: the x= expiry and the future-t= check use it. RFC 3339 (2026-01-05T10:00:00Z) or Unix seconds')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Use this key instead of DNS for SELECTOR._domainkey.DOMAIN, e.g. to verify before publishing: a PEM public key (PUBLIC KEY or RSA PUBLIC KEY) or the TXT record text (zone-file quoted strings are joined). No DNS query is made for that name. Repeatable')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;dmarc;help' {
            [CompletionResult]::new('evaluate', 'evaluate', [CompletionResultType]::ParameterValue, 'Evaluate DMARC for a message as the receiving server would (RFC 7489): SPF for the client IP and MAIL FROM, every DKIM signature, identifier alignment with the From domain, and the domain''s policy; prints an Authentication-Results header (RFC 8601) and why')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;dmarc;help;evaluate' {
            break
        }
        'mailctl;dmarc;help;help' {
            break
        }
        'mailctl;mime' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the MIME tree of a message: each part''s IMAP section number (RFC 3501 §6.4.5), content type and parameters, charset, transfer encoding, disposition and filename (RFC 2231 and RFC 2047 decoded), encoded and decoded size, byte offsets in the file, and the problems found (unclosed boundaries, invalid base64, 8-bit data in 7bit parts, long lines, bare CR/LF, broken header folding …). Exit 0 clean, 11 warnings, 12 errors')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;mime;show' {
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Write one part with its transfer encoding undone, by IMAP section number (as shown in the tree: 1, 1.2, 3.1, TEXT); needs -o')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where --extract writes: a new file, an existing directory (the part''s filename, reduced to a safe name, or part-SECTION), or - for stdout. An existing file is refused unless --force; a symlink is never followed')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where --extract writes: a new file, an existing directory (the part''s filename, reduced to a safe name, or part-SECTION), or - for stdout. An existing file is refused unless --force; a symlink is never followed')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing output file (atomically, never through a symlink)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;mime;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the MIME tree of a message: each part''s IMAP section number (RFC 3501 §6.4.5), content type and parameters, charset, transfer encoding, disposition and filename (RFC 2231 and RFC 2047 decoded), encoded and decoded size, byte offsets in the file, and the problems found (unclosed boundaries, invalid base64, 8-bit data in 7bit parts, long lines, bare CR/LF, broken header folding …). Exit 0 clean, 11 warnings, 12 errors')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;mime;help;show' {
            break
        }
        'mailctl;mime;help;help' {
            break
        }
        'mailctl;pgp' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the OpenPGP signature of a message: PGP/MIME (RFC 3156 §5 multipart/signed, the signed part''s exact bytes canonicalised to CRLF) or inline cleartext signing (RFC 9580 §7). Shows the signer''s key (fingerprint, user IDs), the signature''s creation time, hash and public-key algorithm, and on failure which part, which key and what changed. Exit 0 good, 30 bad signature, 31 no key, 32 not to be trusted (key revoked, expired or not for the sender, signature expired or future-dated), 33 nothing to verify (unsigned, S/MIME, encrypted)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;pgp;verify' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'A public key file (armored or binary; several keys in one file are read): repeatable')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'The sender whose key to fetch and whose user ID the key must carry (default: the From: address of the message)')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to HOST2:PORT2 whenever the lookup would connect to HOST1:PORT1 (curl''s syntax; repeatable, the first match wins; `:443:127.0.0.1:8443` sends every HTTPS request to port 8443 of this machine). Certificates are still checked against the WKD host name')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots (repeatable)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for each TCP connection. Default: 10s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--wkd', '--wkd', [CompletionResultType]::ParameterName, 'Fetch the sender''s key from its domain''s Web Key Directory')
            [CompletionResult]::new('--dns', '--dns', [CompletionResultType]::ParameterName, 'Fetch the sender''s key from DNS (OPENPGPKEY, RFC 7929)')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;pgp;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the OpenPGP signature of a message: PGP/MIME (RFC 3156 §5 multipart/signed, the signed part''s exact bytes canonicalised to CRLF) or inline cleartext signing (RFC 9580 §7). Shows the signer''s key (fingerprint, user IDs), the signature''s creation time, hash and public-key algorithm, and on failure which part, which key and what changed. Exit 0 good, 30 bad signature, 31 no key, 32 not to be trusted (key revoked, expired or not for the sender, signature expired or future-dated), 33 nothing to verify (unsigned, S/MIME, encrypted)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;pgp;help;verify' {
            break
        }
        'mailctl;pgp;help;help' {
            break
        }
        'mailctl;wkd' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to HOST2:PORT2 whenever the lookup would connect to HOST1:PORT1 (curl''s syntax; repeatable, the first match wins; `:443:127.0.0.1:8443` sends every HTTPS request to port 8443 of this machine). Certificates are still checked against the WKD host name')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots (repeatable)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for each TCP connection. Default: 10s')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;smime' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the S/MIME signature of a message (RFC 8551): a multipart/signed with an application/pkcs7-signature part (detached) or an application/pkcs7-mime signed-data part (opaque). Checks the digest over the exact signed bytes in canonical CRLF form, the signature with the signer''s certificate, the chain to --ca-file (emailProtection key purpose, validity now), and that the certificate''s address is the From: address. An encrypted message is named with its recipients. Exit 0 good, 30 bad signature, 32 signer not trusted, 33 nothing to verify')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;smime;verify' {
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of CA certificates the signer''s chain must reach (repeatable)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;smime;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the S/MIME signature of a message (RFC 8551): a multipart/signed with an application/pkcs7-signature part (detached) or an application/pkcs7-mime signed-data part (opaque). Checks the digest over the exact signed bytes in canonical CRLF form, the signature with the signer''s certificate, the chain to --ca-file (emailProtection key purpose, validity now), and that the certificate''s address is the From: address. An encrypted message is named with its recipients. Exit 0 good, 30 bad signature, 32 signer not trusted, 33 nothing to verify')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;smime;help;verify' {
            break
        }
        'mailctl;smime;help;help' {
            break
        }
        'mailctl;check' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('smtp', 'smtp', [CompletionResultType]::ParameterValue, 'Check an SMTP server: connect, greeting, EHLO, STARTTLS, AUTH (with --user), and with --send-test MAIL FROM / RCPT TO then RSET (no message is sent)')
            [CompletionResult]::new('imap', 'imap', [CompletionResultType]::ParameterValue, 'Check an IMAP server: connect, greeting, STARTTLS, CAPABILITY, and LOGIN (or AUTHENTICATE with --auth) when --user is given')
            [CompletionResult]::new('pop3', 'pop3', [CompletionResultType]::ParameterValue, 'Check a POP3 server: connect, greeting, CAPA, STLS, and a login (USER/PASS, --apop or --auth) when --user is given')
            [CompletionResult]::new('roundtrip', 'roundtrip', [CompletionResultType]::ParameterValue, 'Send a message with a unique token through SMTP submission, wait for it in the mailbox (IMAP or POP3), report the delivery latency, then delete only that message')
            [CompletionResult]::new('domain', 'domain', [CompletionResultType]::ParameterValue, 'Audit a domain''s mail for monitoring: the `mailctl audit` engine (DNS records, DNSSEC, every MX address probed with STARTTLS, certificate, DANE and reverse DNS, the RFC 6186 services) as one check. A finding of severity error is CRITICAL, a warning WARNING; the certificate closest to expiry among those presented is held to --cert-warn-days and --cert-crit-days, the whole audit''s time to --warn and --crit')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;check;smtp' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Another server to check, HOST[:PORT] (repeatable); all targets (with --server and --targets) are checked concurrently with the same options')
            [CompletionResult]::new('--targets', '--targets', [CompletionResultType]::ParameterName, 'A TOML file of targets: one [[target]] table each, with `server` and optional overrides (name, protocol, port, tls, starttls, sni, user, password_env, password_file, auth, apop, timeout, connect_timeout, max_time, warn, crit, warn_phase, crit_phase, cert_warn_days, cert_crit_days, expect_banner, helo, send_test, from, to)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)')
            [CompletionResult]::new('--expect-banner', '--expect-banner', [CompletionResultType]::ParameterName, 'The server greeting must match this regular expression (searched in the greeting lines, e.g. ''^220 mx1\.example\.org ''); if it does not, the check is CRITICAL and nothing more is sent (no credentials to a server that is not the one expected)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns')
            [CompletionResult]::new('--crit', '--crit', [CompletionResultType]::ParameterName, 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)')
            [CompletionResult]::new('--warn-phase', '--warn-phase', [CompletionResultType]::ParameterName, 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, proxy, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup')
            [CompletionResult]::new('--crit-phase', '--crit-phase', [CompletionResultType]::ParameterName, 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)')
            [CompletionResult]::new('--cert-warn-days', '--cert-warn-days', [CompletionResultType]::ParameterName, 'WARNING when the server certificate expires in fewer days than this')
            [CompletionResult]::new('--cert-crit-days', '--cert-crit-days', [CompletionResultType]::ParameterName, 'CRITICAL when the server certificate expires in fewer days than this')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter''s textfile collector; `json`: the transcript events (with `target`) and a summary')
            [CompletionResult]::new('--transcript-on-failure', '--transcript-on-failure', [CompletionResultType]::ParameterName, 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone')
            [CompletionResult]::new('--helo', '--helo', [CompletionResultType]::ParameterName, 'Name to send with EHLO/HELO. Default: this machine''s host name')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Envelope sender for --send-test. Default: $USER@HOSTNAME')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Envelope sender for --send-test. Default: $USER@HOSTNAME')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Recipient for --send-test')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Recipient for --send-test')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--send-test', '--send-test', [CompletionResultType]::ParameterName, 'Also test a transaction: MAIL FROM and RCPT TO, then RSET (no DATA, nothing is sent)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;check;imap' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Another server to check, HOST[:PORT] (repeatable); all targets (with --server and --targets) are checked concurrently with the same options')
            [CompletionResult]::new('--targets', '--targets', [CompletionResultType]::ParameterName, 'A TOML file of targets: one [[target]] table each, with `server` and optional overrides (name, protocol, port, tls, starttls, sni, user, password_env, password_file, auth, apop, timeout, connect_timeout, max_time, warn, crit, warn_phase, crit_phase, cert_warn_days, cert_crit_days, expect_banner, helo, send_test, from, to)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)')
            [CompletionResult]::new('--expect-banner', '--expect-banner', [CompletionResultType]::ParameterName, 'The server greeting must match this regular expression (searched in the greeting lines, e.g. ''^220 mx1\.example\.org ''); if it does not, the check is CRITICAL and nothing more is sent (no credentials to a server that is not the one expected)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns')
            [CompletionResult]::new('--crit', '--crit', [CompletionResultType]::ParameterName, 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)')
            [CompletionResult]::new('--warn-phase', '--warn-phase', [CompletionResultType]::ParameterName, 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, proxy, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup')
            [CompletionResult]::new('--crit-phase', '--crit-phase', [CompletionResultType]::ParameterName, 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)')
            [CompletionResult]::new('--cert-warn-days', '--cert-warn-days', [CompletionResultType]::ParameterName, 'WARNING when the server certificate expires in fewer days than this')
            [CompletionResult]::new('--cert-crit-days', '--cert-crit-days', [CompletionResultType]::ParameterName, 'CRITICAL when the server certificate expires in fewer days than this')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter''s textfile collector; `json`: the transcript events (with `target`) and a summary')
            [CompletionResult]::new('--transcript-on-failure', '--transcript-on-failure', [CompletionResultType]::ParameterName, 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;check;pop3' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server to connect to: HOST, HOST:PORT, [IPv6] or [IPv6]:PORT')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port, when --server has none (and for MX hosts). Default: the protocol''s port (SMTP 25, with --tls 465, with --lmtp 24; POP3 110/995; IMAP 143/993)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write): e.g. 30, 30s, 500ms, 2m. Bulk data (a POP3 RETR, an IMAP literal) gets it again after every 16 KiB received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the TCP connection. Default: --timeout')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most one whole session may take, from name resolution to the last reply, however the server paces its answers; then it ends with exit 19 (check: CRITICAL) naming the phase it was in. Default 10m (check: 1m per target; roundtrip: 1m per session, plus --deadline for the mailbox); 0 for no bound. Load mode: per session. imap idle: bounds the setup, --for bounds the wait')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify, when it differs from the host connected to')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for MX and host lookups, IP[:PORT] (repeatable). Default: the system resolver. Each lookup waits --timeout, at most 3s, and is tried twice')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name to authenticate as. The password comes from --password-env, --password-file, the MAILCTL_PASSWORD variable, or a prompt — never from the command line')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password (or OAuth token) from the first line of this file')
            [CompletionResult]::new('--local-addr', '--local-addr', [CompletionResultType]::ParameterName, 'Connect from this local address (and port): IP, IP:PORT or [IPv6]:PORT. It must be of the target''s address family')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Go through a proxy: socks5://[USER@]HOST:PORT (the target is resolved here and sent as an address), socks5h://[USER@]HOST:PORT (the proxy resolves the name) or http://[USER@]HOST:PORT (HTTP CONNECT). TLS still runs end to end and is verified against the target, not the proxy. The proxy''s password comes from --proxy-password-env, --proxy-password-file, MAILCTL_PROXY_PASSWORD or a prompt, never from the URL')
            [CompletionResult]::new('--proxy-password-env', '--proxy-password-env', [CompletionResultType]::ParameterName, 'Read the proxy password from this environment variable')
            [CompletionResult]::new('--proxy-password-file', '--proxy-password-file', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of this file')
            [CompletionResult]::new('--proxy-protocol', '--proxy-protocol', [CompletionResultType]::ParameterName, 'Send a HAProxy PROXY protocol header (version 1: text, version 2: binary) first on the connection, before TLS, claiming --proxy-source as the client and the real peer as the destination. For servers behind a load balancer (Postfix smtpd_upstream_proxy_protocol, Dovecot haproxy_trusted_networks)')
            [CompletionResult]::new('--proxy-source', '--proxy-source', [CompletionResultType]::ParameterName, 'The client address the PROXY header claims: IP or IP:PORT. Default: the real local address (and port)')
            [CompletionResult]::new('--unix', '--unix', [CompletionResultType]::ParameterName, 'Connect to this UNIX-domain socket instead of TCP. The name TLS verifies is --sni or the host of --server')
            [CompletionResult]::new('--pipe', '--pipe', [CompletionResultType]::ParameterName, 'Run COMMAND with sh -c and speak the protocol over its stdin and stdout (e.g. ''sendmail -bs'', ''/usr/lib/dovecot/imap''); its stderr is shown as info lines. It is ended when the session ends or --max-time strikes')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM, leaf first) when the server asks for one, with implicit TLS or STARTTLS. Needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM: PKCS#8, RSA or EC, unencrypted). Never shown')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Another server to check, HOST[:PORT] (repeatable); all targets (with --server and --targets) are checked concurrently with the same options')
            [CompletionResult]::new('--targets', '--targets', [CompletionResultType]::ParameterName, 'A TOML file of targets: one [[target]] table each, with `server` and optional overrides (name, protocol, port, tls, starttls, sni, user, password_env, password_file, auth, apop, timeout, connect_timeout, max_time, warn, crit, warn_phase, crit_phase, cert_warn_days, cert_crit_days, expect_banner, helo, send_test, from, to)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Log in with this SASL mechanism (SMTP AUTH, IMAP AUTHENTICATE, POP3 AUTH) instead of the default (SMTP: the strongest offered; IMAP: LOGIN; POP3: USER/PASS)')
            [CompletionResult]::new('--expect-banner', '--expect-banner', [CompletionResultType]::ParameterName, 'The server greeting must match this regular expression (searched in the greeting lines, e.g. ''^220 mx1\.example\.org ''); if it does not, the check is CRITICAL and nothing more is sent (no credentials to a server that is not the one expected)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns')
            [CompletionResult]::new('--crit', '--crit', [CompletionResultType]::ParameterName, 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)')
            [CompletionResult]::new('--warn-phase', '--warn-phase', [CompletionResultType]::ParameterName, 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, proxy, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup')
            [CompletionResult]::new('--crit-phase', '--crit-phase', [CompletionResultType]::ParameterName, 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)')
            [CompletionResult]::new('--cert-warn-days', '--cert-warn-days', [CompletionResultType]::ParameterName, 'WARNING when the server certificate expires in fewer days than this')
            [CompletionResult]::new('--cert-crit-days', '--cert-crit-days', [CompletionResultType]::ParameterName, 'CRITICAL when the server certificate expires in fewer days than this')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter''s textfile collector; `json`: the transcript events (with `target`) and a summary')
            [CompletionResult]::new('--transcript-on-failure', '--transcript-on-failure', [CompletionResultType]::ParameterName, 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Implicit TLS: start TLS right after connecting (SMTPS 465, IMAPS 993, POP3S 995)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade with STARTTLS (STLS for POP3). Required: if the server does not offer it, fail with exit 18 (capability) after a polite QUIT/LOGOUT; never fall back to plaintext')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificate. The session is then open to interception; mailctl says so on stderr every time')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show authentication payloads instead of `***`')
            [CompletionResult]::new('--apop', '--apop', [CompletionResultType]::ParameterName, 'Log in with APOP (RFC 1939 §7)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;check;roundtrip' {
            [CompletionResult]::new('--smtp-server', '--smtp-server', [CompletionResultType]::ParameterName, 'SMTP submission server, HOST[:PORT] (default port 587)')
            [CompletionResult]::new('--smtp-security', '--smtp-security', [CompletionResultType]::ParameterName, 'TLS for the SMTP side. Default: tls for port 465, starttls otherwise')
            [CompletionResult]::new('--imap-server', '--imap-server', [CompletionResultType]::ParameterName, 'IMAP server holding the mailbox, HOST[:PORT] (default port 993)')
            [CompletionResult]::new('--pop3-server', '--pop3-server', [CompletionResultType]::ParameterName, 'POP3 server holding the mailbox, HOST[:PORT] (default port 995)')
            [CompletionResult]::new('--mailbox-security', '--mailbox-security', [CompletionResultType]::ParameterName, 'TLS for the mailbox side. Default: tls for ports 993 and 995, starttls otherwise')
            [CompletionResult]::new('--mailbox', '--mailbox', [CompletionResultType]::ParameterName, 'IMAP mailbox to watch (default INBOX)')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User name for SMTP AUTH and the mailbox login. The password comes from --password-env, --password-file, MAILCTL_PASSWORD or a prompt')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User name for SMTP AUTH and the mailbox login. The password comes from --password-env, --password-file, MAILCTL_PASSWORD or a prompt')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'SASL mechanism for SMTP AUTH and the mailbox login (default: SMTP the strongest offered, IMAP LOGIN, POP3 USER/PASS)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'SASL mechanism for SMTP AUTH and the mailbox login (default: SMTP the strongest offered, IMAP LOGIN, POP3 USER/PASS)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Envelope and header sender. Default: --user')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Envelope and header sender. Default: --user')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Recipient: whose mailbox --user opens. Default: --user')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Recipient: whose mailbox --user opens. Default: --user')
            [CompletionResult]::new('--helo', '--helo', [CompletionResultType]::ParameterName, 'Name to send with EHLO. Default: this machine''s host name')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'How long to wait for the message to arrive, from the moment SMTP accepted it')
            [CompletionResult]::new('--poll', '--poll', [CompletionResultType]::ParameterName, 'How often to look for the message (IMAP without IDLE, POP3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply (and each write); again after every 16 KiB of bulk data received')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for each TCP connection. Default: --timeout')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots')
            [CompletionResult]::new('--sni', '--sni', [CompletionResultType]::ParameterName, 'TLS server name to send and verify on both sides, when it differs from the hosts')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server for host lookups, IP[:PORT] (repeatable). Default: the system resolver')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns')
            [CompletionResult]::new('--crit', '--crit', [CompletionResultType]::ParameterName, 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)')
            [CompletionResult]::new('--warn-phase', '--warn-phase', [CompletionResultType]::ParameterName, 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, proxy, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup')
            [CompletionResult]::new('--crit-phase', '--crit-phase', [CompletionResultType]::ParameterName, 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)')
            [CompletionResult]::new('--cert-warn-days', '--cert-warn-days', [CompletionResultType]::ParameterName, 'WARNING when the server certificate expires in fewer days than this')
            [CompletionResult]::new('--cert-crit-days', '--cert-crit-days', [CompletionResultType]::ParameterName, 'CRITICAL when the server certificate expires in fewer days than this')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter''s textfile collector; `json`: the transcript events (with `target`) and a summary')
            [CompletionResult]::new('--transcript-on-failure', '--transcript-on-failure', [CompletionResultType]::ParameterName, 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Leave the test message in the mailbox')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do NOT verify the server certificates (warned about on stderr every time)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;check;domain' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'DKIM selectors whose keys to check (repeatable or comma-separated)')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to HOST2:PORT2 whenever the audit would connect to HOST1:PORT1 (curl''s syntax; repeatable, the first match wins). HOST1 is an MX name or one of its addresses; an empty part matches any (HOST1, PORT1) or keeps the original (HOST2, PORT2): `:25::2525` sends every port-25 probe to port 2525 of the same address. Certificates are still checked against the MX name. Test a new MX before DNS points at it')
            [CompletionResult]::new('--repeat', '--repeat', [CompletionResultType]::ParameterName, 'Probe each MX address N times, one after another, and report what differs between the connections (STARTTLS offered only sometimes, a 421, a different certificate)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many MX addresses to probe at once')
            [CompletionResult]::new('--relay-addrs', '--relay-addrs', [CompletionResultType]::ParameterName, 'The outside sender and recipient of --relay-test')
            [CompletionResult]::new('--ehlo', '--ehlo', [CompletionResultType]::ParameterName, 'Name to send in EHLO. Default: this machine''s host name')
            [CompletionResult]::new('--probe-timeout', '--probe-timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply in a probe')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for each TCP connection. Default: 10s')
            [CompletionResult]::new('--cert-days', '--cert-days', [CompletionResultType]::ParameterName, 'Warn when an MX certificate has fewer days left than this')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots (repeatable)')
            [CompletionResult]::new('--trust-anchor', '--trust-anchor', [CompletionResultType]::ParameterName, 'Trust these DNSKEY records (a file in zone-file format) instead of the root zone''s keys when validating DNSSEC: for private or test zones')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'WARNING when the check takes longer than this (roundtrip: the delivery latency), e.g. 500ms, 2s; 0 always warns')
            [CompletionResult]::new('--crit', '--crit', [CompletionResultType]::ParameterName, 'CRITICAL when the check takes longer than this (roundtrip: the delivery latency)')
            [CompletionResult]::new('--warn-phase', '--warn-phase', [CompletionResultType]::ParameterName, 'WARNING when one phase takes longer: PHASE=DURATION, e.g. tls=200ms (repeatable). Phases: resolve, connect, proxy, tls, banner, ehlo, capa, starttls, auth, mail, rcpt, quit; roundtrip: login, send, delivery, cleanup')
            [CompletionResult]::new('--crit-phase', '--crit-phase', [CompletionResultType]::ParameterName, 'CRITICAL when one phase takes longer: PHASE=DURATION (repeatable)')
            [CompletionResult]::new('--cert-warn-days', '--cert-warn-days', [CompletionResultType]::ParameterName, 'WARNING when the server certificate expires in fewer days than this')
            [CompletionResult]::new('--cert-crit-days', '--cert-crit-days', [CompletionResultType]::ParameterName, 'CRITICAL when the server certificate expires in fewer days than this')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format. Whatever the format, the exit code is the Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or local errors). `nagios`: one status line with perfdata, then one line per target; `prometheus`: text exposition format for node_exporter''s textfile collector; `json`: the transcript events (with `target`) and a summary')
            [CompletionResult]::new('--transcript-on-failure', '--transcript-on-failure', [CompletionResultType]::ParameterName, 'When a check is WARNING or CRITICAL, write its whole transcript (passwords redacted) to FILE: written to a new private file (mode 0600) and renamed over FILE, so FILE always holds one complete transcript of the last failing run. A passing run leaves FILE alone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--no-probe', '--no-probe', [CompletionResultType]::ParameterName, 'Check DNS only: do not connect to the MX hosts')
            [CompletionResult]::new('--relay-test', '--relay-test', [CompletionResultType]::ParameterName, 'After EHLO, try MAIL FROM an outside address and RCPT TO another outside address, then RSET; never DATA. Only on your own domains. A 250 to RCPT alone is no proof of an open relay: the server may still refuse after DATA')
            [CompletionResult]::new('--no-dnssec', '--no-dnssec', [CompletionResultType]::ParameterName, 'Do not validate DNSSEC (TLSA records are then judged as published, with a finding saying so)')
            [CompletionResult]::new('--transcript', '--transcript', [CompletionResultType]::ParameterName, 'Show every probe''s dialogue (C:/S: lines, timed) in the human output; JSON always has it')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ignore-warnings', '--ignore-warnings', [CompletionResultType]::ParameterName, 'Warnings do not make the check WARNING (errors still make it CRITICAL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailctl;check;help' {
            [CompletionResult]::new('smtp', 'smtp', [CompletionResultType]::ParameterValue, 'Check an SMTP server: connect, greeting, EHLO, STARTTLS, AUTH (with --user), and with --send-test MAIL FROM / RCPT TO then RSET (no message is sent)')
            [CompletionResult]::new('imap', 'imap', [CompletionResultType]::ParameterValue, 'Check an IMAP server: connect, greeting, STARTTLS, CAPABILITY, and LOGIN (or AUTHENTICATE with --auth) when --user is given')
            [CompletionResult]::new('pop3', 'pop3', [CompletionResultType]::ParameterValue, 'Check a POP3 server: connect, greeting, CAPA, STLS, and a login (USER/PASS, --apop or --auth) when --user is given')
            [CompletionResult]::new('roundtrip', 'roundtrip', [CompletionResultType]::ParameterValue, 'Send a message with a unique token through SMTP submission, wait for it in the mailbox (IMAP or POP3), report the delivery latency, then delete only that message')
            [CompletionResult]::new('domain', 'domain', [CompletionResultType]::ParameterValue, 'Audit a domain''s mail for monitoring: the `mailctl audit` engine (DNS records, DNSSEC, every MX address probed with STARTTLS, certificate, DANE and reverse DNS, the RFC 6186 services) as one check. A finding of severity error is CRITICAL, a warning WARNING; the certificate closest to expiry among those presented is held to --cert-warn-days and --cert-crit-days, the whole audit''s time to --warn and --crit')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;check;help;smtp' {
            break
        }
        'mailctl;check;help;imap' {
            break
        }
        'mailctl;check;help;pop3' {
            break
        }
        'mailctl;check;help;roundtrip' {
            break
        }
        'mailctl;check;help;domain' {
            break
        }
        'mailctl;check;help;help' {
            break
        }
        'mailctl;audit' {
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] (repeatable). Default: the system resolver (resolv.conf)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each DNS answer before asking again; every query is tried twice, so a nameserver that never answers costs twice this per query')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most the whole command may take, however many lookups it makes (an SPF tree, a directory of messages) and however slowly the nameservers answer; then it ends with exit 19 in phase resolve. Default 10m; 0 for no bound')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'DKIM selectors whose keys to check (repeatable or comma-separated)')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to HOST2:PORT2 whenever the audit would connect to HOST1:PORT1 (curl''s syntax; repeatable, the first match wins). HOST1 is an MX name or one of its addresses; an empty part matches any (HOST1, PORT1) or keeps the original (HOST2, PORT2): `:25::2525` sends every port-25 probe to port 2525 of the same address. Certificates are still checked against the MX name. Test a new MX before DNS points at it')
            [CompletionResult]::new('--repeat', '--repeat', [CompletionResultType]::ParameterName, 'Probe each MX address N times, one after another, and report what differs between the connections (STARTTLS offered only sometimes, a 421, a different certificate)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many MX addresses to probe at once')
            [CompletionResult]::new('--relay-addrs', '--relay-addrs', [CompletionResultType]::ParameterName, 'The outside sender and recipient of --relay-test')
            [CompletionResult]::new('--ehlo', '--ehlo', [CompletionResultType]::ParameterName, 'Name to send in EHLO. Default: this machine''s host name')
            [CompletionResult]::new('--probe-timeout', '--probe-timeout', [CompletionResultType]::ParameterName, 'How long to wait for each server reply in a probe')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for each TCP connection. Default: 10s')
            [CompletionResult]::new('--cert-days', '--cert-days', [CompletionResultType]::ParameterName, 'Warn when an MX certificate has fewer days left than this')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file, in addition to the built-in webpki roots (repeatable)')
            [CompletionResult]::new('--trust-anchor', '--trust-anchor', [CompletionResultType]::ParameterName, 'Trust these DNSKEY records (a file in zone-file format) instead of the root zone''s keys when validating DNSSEC: for private or test zones')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour. `auto` colours when stdout and stderr are both terminals, unless NO_COLOR is set')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP only')
            [CompletionResult]::new('--no-probe', '--no-probe', [CompletionResultType]::ParameterName, 'Check DNS only: do not connect to the MX hosts')
            [CompletionResult]::new('--relay-test', '--relay-test', [CompletionResultType]::ParameterName, 'After EHLO, try MAIL FROM an outside address and RCPT TO another outside address, then RSET; never DATA. Only on your own domains. A 250 to RCPT alone is no proof of an open relay: the server may still refuse after DATA')
            [CompletionResult]::new('--no-dnssec', '--no-dnssec', [CompletionResultType]::ParameterName, 'Do not validate DNSSEC (TLSA records are then judged as published, with a finding saying so)')
            [CompletionResult]::new('--transcript', '--transcript', [CompletionResultType]::ParameterName, 'Show every probe''s dialogue (C:/S: lines, timed) in the human output; JSON always has it')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print events as JSON Lines (one object per event, then a summary object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the final one-line verdict, and the results of a command that produces them (pop3 list, imap search, dns …): no transcript')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mailctl;help' {
            [CompletionResult]::new('smtp', 'smtp', [CompletionResultType]::ParameterValue, 'SMTP and LMTP: send test mail, probe a server')
            [CompletionResult]::new('pop3', 'pop3', [CompletionResultType]::ParameterValue, 'POP3 (RFC 1939): look into a mailbox, retrieve messages, delete only when asked')
            [CompletionResult]::new('imap', 'imap', [CompletionResultType]::ParameterValue, 'IMAP (RFC 9051 / RFC 3501): list mailboxes, search and fetch read-only, watch with IDLE')
            [CompletionResult]::new('jmap', 'jmap', [CompletionResultType]::ParameterValue, 'JMAP (RFC 8620 / RFC 8621) over HTTP: the session, mailboxes, search, fetch and download, send, and push')
            [CompletionResult]::new('dns', 'dns', [CompletionResultType]::ParameterValue, 'DNS checks for mail: MX, SPF, DMARC, DKIM keys, MTA-STS, TLS-RPT, BIMI, and a full audit')
            [CompletionResult]::new('dkim', 'dkim', [CompletionResultType]::ParameterValue, 'DKIM: verify signatures with reasons you can act on, sign test mail, generate keys')
            [CompletionResult]::new('dmarc', 'dmarc', [CompletionResultType]::ParameterValue, 'DMARC (RFC 7489): evaluate a received message: SPF, DKIM, alignment and the policy')
            [CompletionResult]::new('mime', 'mime', [CompletionResultType]::ParameterValue, 'MIME structure of a message file: the part tree with IMAP section numbers, offsets, sizes and problems; extract one part decoded')
            [CompletionResult]::new('pgp', 'pgp', [CompletionResultType]::ParameterValue, 'OpenPGP: verify a message''s PGP/MIME or inline signature, with the key from a file, the sender''s Web Key Directory or DNS')
            [CompletionResult]::new('wkd', 'wkd', [CompletionResultType]::ParameterValue, 'OpenPGP Web Key Directory: find the key for an address over HTTPS, advanced and direct methods, with findings')
            [CompletionResult]::new('smime', 'smime', [CompletionResultType]::ParameterValue, 'S/MIME (RFC 8551): verify a message''s signature against given CA certificates')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Health checks for monitoring, CI and cron: a verdict with thresholds, Nagios and Prometheus output, exit codes 0 OK / 1 WARNING / 2 CRITICAL / 3 UNKNOWN')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Is a domain''s mail set up right, end to end: DNS records, then every MX address probed live (STARTTLS, certificate, DANE, reverse DNS), findings by severity')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailctl;help;smtp' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message (or probe with --quit-after), showing the whole dialogue')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one')
            [CompletionResult]::new('sink', 'sink', [CompletionResultType]::ParameterValue, 'Receive mail: a local SMTP/LMTP server that takes every message (like Postfix''s smtp-sink) and shows each connection''s dialogue from the server side (C: the client, S: the sink)')
            break
        }
        'mailctl;help;smtp;send' {
            break
        }
        'mailctl;help;smtp;shell' {
            break
        }
        'mailctl;help;smtp;sink' {
            break
        }
        'mailctl;help;pop3' {
            [CompletionResult]::new('capa', 'capa', [CompletionResultType]::ParameterValue, 'Show the server''s capabilities (CAPA, RFC 2449); logs in only if --user is given')
            [CompletionResult]::new('stat', 'stat', [CompletionResultType]::ParameterValue, 'Number of messages and total size (STAT)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Message numbers and sizes (LIST), all or one')
            [CompletionResult]::new('uidl', 'uidl', [CompletionResultType]::ParameterValue, 'Message numbers and unique ids (UIDL), all or one')
            [CompletionResult]::new('retr', 'retr', [CompletionResultType]::ParameterValue, 'Retrieve one message (RETR), streamed to stdout or a file as it arrives')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'Headers and the first LINES lines of the body (TOP)')
            [CompletionResult]::new('dele', 'dele', [CompletionResultType]::ParameterValue, 'Delete messages (DELE, committed by QUIT). The only subcommand that deletes')
            [CompletionResult]::new('noop', 'noop', [CompletionResultType]::ParameterValue, 'Log in and send NOOP: a login check')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one')
            break
        }
        'mailctl;help;pop3;capa' {
            break
        }
        'mailctl;help;pop3;stat' {
            break
        }
        'mailctl;help;pop3;list' {
            break
        }
        'mailctl;help;pop3;uidl' {
            break
        }
        'mailctl;help;pop3;retr' {
            break
        }
        'mailctl;help;pop3;top' {
            break
        }
        'mailctl;help;pop3;dele' {
            break
        }
        'mailctl;help;pop3;noop' {
            break
        }
        'mailctl;help;pop3;shell' {
            break
        }
        'mailctl;help;imap' {
            [CompletionResult]::new('capability', 'capability', [CompletionResultType]::ParameterValue, 'Show the server''s capabilities (before and, with --user, after login)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List mailboxes (LIST), optionally with STATUS counters per mailbox')
            [CompletionResult]::new('select', 'select', [CompletionResultType]::ParameterValue, 'Open a mailbox read-only (EXAMINE) and show what the server reports about it')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search a mailbox (read-only) and print the matching message numbers (UIDs with --uid)')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch messages read-only (BODY.PEEK: \Seen is not set unless --mark-seen)')
            [CompletionResult]::new('idle', 'idle', [CompletionResultType]::ParameterValue, 'Wait for new mail with IDLE (RFC 2177) and print each event until interrupted or --for')
            [CompletionResult]::new('raw', 'raw', [CompletionResultType]::ParameterValue, 'Log in, send one command and show the tagged reply (and untagged data)')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'An interactive session with the server (the telnet / `openssl s_client -starttls` replacement), or a scripted one')
            break
        }
        'mailctl;help;imap;capability' {
            break
        }
        'mailctl;help;imap;list' {
            break
        }
        'mailctl;help;imap;select' {
            break
        }
        'mailctl;help;imap;search' {
            break
        }
        'mailctl;help;imap;fetch' {
            break
        }
        'mailctl;help;imap;idle' {
            break
        }
        'mailctl;help;imap;raw' {
            break
        }
        'mailctl;help;imap;shell' {
            break
        }
        'mailctl;help;jmap' {
            [CompletionResult]::new('capability', 'capability', [CompletionResultType]::ParameterValue, 'The session resource summarised: accounts, capabilities and their limits (maxSizeUpload, maxCallsInRequest, maxObjectsInGet …), and the API, download, upload and event-source URLs')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Mailboxes (Mailbox/get): name, role, total and unread emails and threads')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find emails (Email/query, newest first) and show their header table')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Show emails'' header table (Email/get), or write one raw message (RFC 5322 bytes from the download URL) to a file or stdout with --raw')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message: uploaded as is, Email/import into the Drafts mailbox, then EmailSubmission/set (RFC 8621 §7) with an explicit envelope; on success the email moves to Sent. Per-recipient results from the server''s deliveryStatus')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Wait for changes pushed over the event source (RFC 8620 §7.3) and show each state change, until --for, --count or --max-time')
            break
        }
        'mailctl;help;jmap;capability' {
            break
        }
        'mailctl;help;jmap;list' {
            break
        }
        'mailctl;help;jmap;search' {
            break
        }
        'mailctl;help;jmap;fetch' {
            break
        }
        'mailctl;help;jmap;send' {
            break
        }
        'mailctl;help;jmap;watch' {
            break
        }
        'mailctl;help;dns' {
            [CompletionResult]::new('mx', 'mx', [CompletionResultType]::ParameterValue, 'MX records by preference with each host''s addresses; null MX (RFC 7505), implicit MX, MX pointing at a CNAME or an IP address')
            [CompletionResult]::new('spf', 'spf', [CompletionResultType]::ParameterValue, 'The SPF record and its include/redirect tree with lookup counts; with --ip, the RFC 7208 result for that client')
            [CompletionResult]::new('dmarc', 'dmarc', [CompletionResultType]::ParameterValue, 'The DMARC record (organizational-domain fallback), every tag with its effective value, and external report authorization for rua/ruf outside the domain')
            [CompletionResult]::new('dkim', 'dkim', [CompletionResultType]::ParameterValue, 'DKIM public keys: type, size, flags, revoked or unusable keys')
            [CompletionResult]::new('mta-sts', 'mta-sts', [CompletionResultType]::ParameterValue, 'The MTA-STS TXT record (_mta-sts)')
            [CompletionResult]::new('tls-rpt', 'tls-rpt', [CompletionResultType]::ParameterValue, 'The SMTP TLS reporting record (_smtp._tls)')
            [CompletionResult]::new('bimi', 'bimi', [CompletionResultType]::ParameterValue, 'The BIMI record (<selector>._bimi)')
            [CompletionResult]::new('openpgpkey', 'openpgpkey', [CompletionResultType]::ParameterValue, 'The OPENPGPKEY record of an address (RFC 7929): the owner name (SHA-256 of the local part, 28 octets, hex, under _openpgpkey.DOMAIN), the key in it (fingerprint, user IDs, expiry), and findings: no record, a key for another address, expired or revoked, several records')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Everything above for each domain, concurrently, with findings by severity and a summary')
            break
        }
        'mailctl;help;dns;mx' {
            break
        }
        'mailctl;help;dns;spf' {
            break
        }
        'mailctl;help;dns;dmarc' {
            break
        }
        'mailctl;help;dns;dkim' {
            break
        }
        'mailctl;help;dns;mta-sts' {
            break
        }
        'mailctl;help;dns;tls-rpt' {
            break
        }
        'mailctl;help;dns;bimi' {
            break
        }
        'mailctl;help;dns;openpgpkey' {
            break
        }
        'mailctl;help;dns;check' {
            break
        }
        'mailctl;help;dkim' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the DKIM signatures of messages: .eml files, a directory of them, a Maildir (cur/ and new/), an mbox file, or stdin (`-`). One line per message and a summary; every signature with its tags, key lookup and a reason a person can act on')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a message (RSA-SHA256 or Ed25519-SHA256, relaxed/relaxed) and write it to stdout')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Generate a signing key and print the DNS TXT record to publish')
            break
        }
        'mailctl;help;dkim;verify' {
            break
        }
        'mailctl;help;dkim;sign' {
            break
        }
        'mailctl;help;dkim;keygen' {
            break
        }
        'mailctl;help;dmarc' {
            [CompletionResult]::new('evaluate', 'evaluate', [CompletionResultType]::ParameterValue, 'Evaluate DMARC for a message as the receiving server would (RFC 7489): SPF for the client IP and MAIL FROM, every DKIM signature, identifier alignment with the From domain, and the domain''s policy; prints an Authentication-Results header (RFC 8601) and why')
            break
        }
        'mailctl;help;dmarc;evaluate' {
            break
        }
        'mailctl;help;mime' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the MIME tree of a message: each part''s IMAP section number (RFC 3501 §6.4.5), content type and parameters, charset, transfer encoding, disposition and filename (RFC 2231 and RFC 2047 decoded), encoded and decoded size, byte offsets in the file, and the problems found (unclosed boundaries, invalid base64, 8-bit data in 7bit parts, long lines, bare CR/LF, broken header folding …). Exit 0 clean, 11 warnings, 12 errors')
            break
        }
        'mailctl;help;mime;show' {
            break
        }
        'mailctl;help;pgp' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the OpenPGP signature of a message: PGP/MIME (RFC 3156 §5 multipart/signed, the signed part''s exact bytes canonicalised to CRLF) or inline cleartext signing (RFC 9580 §7). Shows the signer''s key (fingerprint, user IDs), the signature''s creation time, hash and public-key algorithm, and on failure which part, which key and what changed. Exit 0 good, 30 bad signature, 31 no key, 32 not to be trusted (key revoked, expired or not for the sender, signature expired or future-dated), 33 nothing to verify (unsigned, S/MIME, encrypted)')
            break
        }
        'mailctl;help;pgp;verify' {
            break
        }
        'mailctl;help;wkd' {
            break
        }
        'mailctl;help;smime' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the S/MIME signature of a message (RFC 8551): a multipart/signed with an application/pkcs7-signature part (detached) or an application/pkcs7-mime signed-data part (opaque). Checks the digest over the exact signed bytes in canonical CRLF form, the signature with the signer''s certificate, the chain to --ca-file (emailProtection key purpose, validity now), and that the certificate''s address is the From: address. An encrypted message is named with its recipients. Exit 0 good, 30 bad signature, 32 signer not trusted, 33 nothing to verify')
            break
        }
        'mailctl;help;smime;verify' {
            break
        }
        'mailctl;help;check' {
            [CompletionResult]::new('smtp', 'smtp', [CompletionResultType]::ParameterValue, 'Check an SMTP server: connect, greeting, EHLO, STARTTLS, AUTH (with --user), and with --send-test MAIL FROM / RCPT TO then RSET (no message is sent)')
            [CompletionResult]::new('imap', 'imap', [CompletionResultType]::ParameterValue, 'Check an IMAP server: connect, greeting, STARTTLS, CAPABILITY, and LOGIN (or AUTHENTICATE with --auth) when --user is given')
            [CompletionResult]::new('pop3', 'pop3', [CompletionResultType]::ParameterValue, 'Check a POP3 server: connect, greeting, CAPA, STLS, and a login (USER/PASS, --apop or --auth) when --user is given')
            [CompletionResult]::new('roundtrip', 'roundtrip', [CompletionResultType]::ParameterValue, 'Send a message with a unique token through SMTP submission, wait for it in the mailbox (IMAP or POP3), report the delivery latency, then delete only that message')
            [CompletionResult]::new('domain', 'domain', [CompletionResultType]::ParameterValue, 'Audit a domain''s mail for monitoring: the `mailctl audit` engine (DNS records, DNSSEC, every MX address probed with STARTTLS, certificate, DANE and reverse DNS, the RFC 6186 services) as one check. A finding of severity error is CRITICAL, a warning WARNING; the certificate closest to expiry among those presented is held to --cert-warn-days and --cert-crit-days, the whole audit''s time to --warn and --crit')
            break
        }
        'mailctl;help;check;smtp' {
            break
        }
        'mailctl;help;check;imap' {
            break
        }
        'mailctl;help;check;pop3' {
            break
        }
        'mailctl;help;check;roundtrip' {
            break
        }
        'mailctl;help;check;domain' {
            break
        }
        'mailctl;help;audit' {
            break
        }
        'mailctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
