/* pa-core.h — everything the core library offers, for the programs and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-error.h"
#include "pa-i18n.h"
#include "pa-mac.h"
#include "pa-catalog.h"
#include "pa-user-agent.h"
#include "pa-enums.h"
#include "pa-resource.h"
#include "pa-resource-kinds.h"
#include "pa-key.h"
#include "pa-agent.h"
#include "pa-firmware.h"
#include "pa-sip-account.h"
#include "pa-phone.h"
#include "pa-layout.h"
#include "pa-layout-edit.h"
#include "pa-module-layout.h"
#include "pa-profile.h"
#include "pa-settings.h"
#include "pa-config-inputs.h"
#include "pa-json-check.h"
#include "pa-render.h"
