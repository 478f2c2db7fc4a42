"""A real SMTP server on the loopback interface for registro's mail tests
(aiosmtpd). Each message received is written to SPOOL/NNNN.json as a mail
client reads it: envelope, decoded and raw subject, Message-ID, plain-text
body, attachments. What it does with the next message is read from
SPOOL/mode each time, so a test changes it while the server runs:
  accept  take the message (250)
  refuse  answer 554 after the message's data
  drop    close the connection in the middle of the message, answering nothing
  hang    keep the message, then never answer (until the mode changes)
Prints "READY PORT" once it listens."""

import asyncio
import email
import email.policy
import json
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller

spool = sys.argv[1]


def mode():
    try:
        with open(os.path.join(spool, "mode")) as f:
            return f.read().strip()
    except FileNotFoundError:
        return "accept"


def keep(envelope):
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    raw = email.message_from_bytes(envelope.original_content, policy=email.policy.compat32)
    body = message.get_body(preferencelist=("plain",))
    attachments = []
    for part in message.iter_attachments():
        payload = part.get_content()
        attachments.append(
            {
                "filename": part.get_filename(),
                "content_type": part.get_content_type(),
                "content": payload.decode("latin-1") if isinstance(payload, bytes) else payload,
            }
        )
    record = {
        "mail_from": envelope.mail_from,
        "rcpt_tos": envelope.rcpt_tos,
        "to": str(message["To"]),
        "from": str(message["From"]),
        "subject": str(message["Subject"]),
        "raw_subject": str(raw["Subject"]),
        "message_id": str(message["Message-ID"]),
        "body": body.get_content() if body is not None else None,
    }
    record["attachments"] = attachments
    count = len([n for n in os.listdir(spool) if n.endswith(".json")])
    path = os.path.join(spool, f"{count + 1:04}.json")
    with open(path + ".part", "w") as f:
        json.dump(record, f, ensure_ascii=False)
    os.rename(path + ".part", path)


class Handler:
    async def handle_DATA(self, server, session, envelope):
        now = mode()
        if now == "refuse":
            return "554 5.7.1 Messaggio rifiutato: politica del server"
        if now == "drop":
            server.transport.abort()
            return "421 gone"
        keep(envelope)
        while mode() == "hang":
            await asyncio.sleep(0.05)
        return "250 2.0.0 Ok: queued"


probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
print(f"READY {port}", flush=True)
try:
    while True:
        time.sleep(3600)
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
