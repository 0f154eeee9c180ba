// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace hb::gui {

class Workbench;

class InspectorPane final : public QWidget
{
    Q_OBJECT

public:
    explicit InspectorPane(Workbench &workbench, QWidget *parent = nullptr);
};

} // namespace hb::gui
