// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace hb::gui {

class Workbench;

class DocPane final : public QWidget
{
    Q_OBJECT

public:
    explicit DocPane(Workbench &workbench, QWidget *parent = nullptr);
};

} // namespace hb::gui
