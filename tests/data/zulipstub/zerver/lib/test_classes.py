# SPDX-License-Identifier: MIT
# The zulipstub's WebhookTestCase (see ../../README.md): the methods `hookbench export zulip` emits,
# with the checks Zulip's own perform, each request sent through `hookbench render`.
import base64
import json
import os
import subprocess
import unittest
from urllib.parse import parse_qsl, urlsplit

from zerver.models import Message

HOOKBENCH = os.environ["HOOKBENCH_BINARY"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class EmptyResponseError(Exception):
    pass


class _User:
    email = "webhook-bot@zulip.com"
    api_key = "zulipstub-api-key"


class _Response:
    def __init__(self, status_code: int, body: dict | None) -> None:
        self.status_code = status_code
        self.content = b"" if body is None else json.dumps(body).encode()

    def json(self) -> dict:
        return json.loads(self.content)


class WebhookTestCase(unittest.TestCase):
    CHANNEL_NAME = None
    URL_TEMPLATE = ""
    WEBHOOK_DIR_NAME = None

    def setUp(self) -> None:
        super().setUp()
        self.test_user = _User()
        Message.objects.clear()
        self.url = self.build_webhook_url()

    # URLs and fixtures
    def build_webhook_url(self, *args: str, **kwargs: str) -> str:
        url = self.URL_TEMPLATE.format(api_key=self.test_user.api_key, stream=self.CHANNEL_NAME)
        if not args and not kwargs:
            return url
        url += "&" if "?" in url else "?"
        for key, value in kwargs.items():
            url += f"{key}={value}&"
        for arg in args:
            url += f"{arg}&"
        return url[:-1]

    def webhook_fixture_data(self, type: str, action: str, file_type: str = "json") -> str:
        path = os.path.join(ROOT, "zerver", "webhooks", type, "fixtures", f"{action}.{file_type}")
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()

    def get_body(self, fixture_name: str) -> str:
        body = self.webhook_fixture_data(self.WEBHOOK_DIR_NAME, fixture_name)
        json.loads(body)  # Zulip's get_body fails fast on a fixture that is not JSON
        return body

    def get_payload(self, fixture_name: str):
        return self.get_body(fixture_name)

    def subscribe(self, user, channel_name: str) -> None:
        self.assertIsNotNone(channel_name)

    def encode_user(self, user) -> str:
        return "Basic " + base64.b64encode(f"{user.email}:{user.api_key}".encode()).decode()

    # Requests
    def _request(self, method: str, url: str, body, extra: dict) -> _Response:
        parts = urlsplit(url)
        name = parts.path.rsplit("/", 1)[-1]
        command = [HOOKBENCH, "render", "--integration", name, "--stdin", "--format", "json", "--method", method]
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            command += ["--query", f"{key}={value}"]
        content_type = extra.pop("content_type", None)
        if content_type is not None:
            command += ["--content-type", content_type]
        for key, value in extra.items():
            if not key.startswith("HTTP_"):
                raise NotImplementedError(f"keyword argument {key}")
            command += ["--header", key[5:].replace("_", "-") + ": " + value]
        data = body.encode() if isinstance(body, str) else bytes(body or b"")
        done = subprocess.run(command, input=data, capture_output=True, check=False)
        if done.returncode not in (0, 1):
            raise AssertionError(f"hookbench render failed: {done.stderr.decode()}")
        outcome = json.loads(done.stdout)
        if outcome["outcome"] == "error":
            return _Response(outcome["status"], {"result": "error", "msg": outcome["msg"]})
        if outcome["outcome"] == "message":
            for m in outcome["messages"]:
                Message.objects.add(Message(m["stream"], m["topic"], m["content"]))
            reply = {"result": "success", "msg": ""}
        else:
            reply = {"result": "success", "msg": outcome.get("reason", "")}
        return _Response(200, None if method == "HEAD" else reply)

    def client_post(self, url: str, info="", **extra) -> _Response:
        return self._request("POST", url, info, extra)

    def client_head(self, url: str, **extra) -> _Response:
        return self._request("HEAD", url, b"", extra)

    def send_webhook_payload(self, user, url: str, payload, **extra) -> Message:
        before = Message.objects.count()
        result = self.client_post(url, payload, **extra)
        self.assert_json_success(result)
        if Message.objects.count() == before:
            raise EmptyResponseError("No message was sent")
        return self.get_last_message()

    # Zulip's checks
    def check_webhook(self, fixture_name: str, expected_topic_name=None, expected_message=None,
                      content_type: str | None = "application/json", expect_noop: bool = False, **extra) -> None:
        self.subscribe(self.test_user, self.CHANNEL_NAME)
        payload = self.get_payload(fixture_name)
        if content_type is not None:
            extra["content_type"] = content_type
        try:
            msg = self.send_webhook_payload(self.test_user, self.url, payload, **extra)
        except EmptyResponseError:
            if expect_noop:
                return
            raise AssertionError("No message was sent. Pass expect_noop=True if this is intentional.")
        if expect_noop:
            raise Exception("While no message is expected given expect_noop=True, a message was sent.")
        self.assert_channel_message(msg, self.CHANNEL_NAME, expected_topic_name, expected_message)

    def api_channel_message(self, user, fixture_name: str, expected_topic=None, expected_message=None,
                            content_type: str | None = "application/json", expect_noop: bool = False, **extra) -> None:
        extra["HTTP_AUTHORIZATION"] = self.encode_user(user)
        self.check_webhook(fixture_name, expected_topic, expected_message, content_type, expect_noop, **extra)

    def send_and_test_private_message(self, fixture_name: str, expected_message: str,
                                      content_type: str = "application/json", **extra) -> Message:
        payload = self.get_payload(fixture_name)
        if content_type is not None:
            extra["content_type"] = content_type
        msg = self.send_webhook_payload(self.test_user, self.url, payload, **extra)
        self.assertIsNone(msg.stream)
        self.assertEqual(msg.content, expected_message)
        return msg

    def assert_channel_message(self, message: Message, channel_name: str, topic_name: str, content: str) -> None:
        self.assertEqual(message.stream, channel_name)
        self.assertEqual(message.topic_name(), topic_name)
        self.assertEqual(message.content, content)

    def assert_json_success(self, result: _Response) -> None:
        self.assertEqual(result.status_code, 200)
        self.assertEqual(result.json()["result"], "success")

    def assert_json_error(self, result: _Response, msg: str, status_code: int = 400) -> None:
        self.assertEqual(result.status_code, status_code)
        self.assertEqual(result.json()["msg"], msg)

    def assert_length(self, items, count: int) -> None:
        self.assertEqual(len(items), count)

    def get_last_message(self) -> Message:
        return Message.objects.order_by("-id")[0]

    def get_second_to_last_message(self) -> Message:
        return Message.objects.order_by("-id")[1]
