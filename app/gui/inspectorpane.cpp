// SPDX-License-Identifier: MIT
#include "inspectorpane.h"

#include "workbench.h"

#include <QLabel>
#include <QVBoxLayout>

// PLACEHOLDER: this pane is being written.
namespace hb::gui {

InspectorPane::InspectorPane(Workbench &, QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Not built yet"), this));
}

} // namespace hb::gui
