"""A real SMTP server on loopback for the e-mail tests (Debian's python3-aiosmtpd).

Usage: loopback_smtp.py PORT OUTPUT_DIR CERT_PEM KEY_PEM USER PASSWORD

Requires STARTTLS (with the given certificate) and AUTH with USER/PASSWORD before accepting mail. Every message is
written to OUTPUT_DIR as N.eml (the bytes received) and N.json (envelope sender, recipients, whether the session used
TLS, who authenticated), the .json last and by rename, so a reader that sees it sees both complete.
Prints "READY" once listening and runs until stdin closes.
"""
import json
import os
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, out_dir, cert, key, user, password = sys.argv[1:7]
counter = 0
lock = threading.Lock()


class Recorder:
    async def handle_DATA(self, server, session, envelope):
        global counter
        with lock:
            counter += 1
            name = os.path.join(out_dir, str(counter))
        with open(name + ".eml", "wb") as f:
            f.write(envelope.original_content)
        meta = {
            "mailFrom": envelope.mail_from,
            "rcptTos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "login": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
        }
        with open(name + ".tmp", "w") as f:
            json.dump(meta, f)
        os.rename(name + ".tmp", name + ".json")
        return "250 OK"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode()
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(
    Recorder(), hostname="127.0.0.1", port=int(port), server_hostname="smtp.spendops.test",
    tls_context=context, require_starttls=True, authenticator=authenticate, auth_required=True, auth_require_tls=True)
controller.start()
print("READY", flush=True)
sys.stdin.read()
controller.stop()
