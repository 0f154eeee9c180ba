// SPDX-License-Identifier: MIT
#include "previewpane.h"

#include "workbench.h"

#include <QLabel>
#include <QVBoxLayout>

// PLACEHOLDER: this pane is being written.
namespace hb::gui {

PreviewPane::PreviewPane(Workbench &, QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Not built yet"), this));
}

} // namespace hb::gui
