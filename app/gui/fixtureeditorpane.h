// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace hb::gui {

class Workbench;

class FixtureEditorPane final : public QWidget
{
    Q_OBJECT

public:
    explicit FixtureEditorPane(Workbench &workbench, QWidget *parent = nullptr);
};

} // namespace hb::gui
