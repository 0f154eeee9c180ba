# SPDX-License-Identifier: MIT
# The in-memory message list of the zulipstub (see ../README.md).


class _Messages:
    def __init__(self) -> None:
        self._items: list = []

    def clear(self) -> None:
        self._items = []

    def add(self, message) -> None:
        message.id = len(self._items) + 1
        self._items.append(message)

    def count(self) -> int:
        return len(self._items)

    def order_by(self, key: str) -> list:
        if key != "-id":
            raise NotImplementedError(key)
        return list(reversed(self._items))


class Message:
    objects = _Messages()

    def __init__(self, stream, topic: str, content: str) -> None:
        self.id = 0
        self.stream = stream
        self.topic = topic
        self.content = content

    def topic_name(self) -> str:
        return self.topic
