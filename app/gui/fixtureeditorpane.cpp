// SPDX-License-Identifier: MIT
#include "fixtureeditorpane.h"

#include "workbench.h"

#include <QLabel>
#include <QVBoxLayout>

// PLACEHOLDER: this pane is being written.
namespace hb::gui {

FixtureEditorPane::FixtureEditorPane(Workbench &, QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Not built yet"), this));
}

} // namespace hb::gui
