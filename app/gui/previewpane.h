// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace hb::gui {

class Workbench;

class PreviewPane final : public QWidget
{
    Q_OBJECT

public:
    explicit PreviewPane(Workbench &workbench, QWidget *parent = nullptr);
};

} // namespace hb::gui
