package verdict

import (
	"reflect"
	"testing"

	"github.com/anzen-dev/anzen/generator/profile"
)

func kinds(ks ...string) []profile.RoleKind {
	var out []profile.RoleKind
	for _, k := range ks {
		out = append(out, profile.RoleKind(k))
	}
	return out
}

// TestStaffing: how the roles sit on the staff.
func TestStaffing(t *testing.T) {
	for _, tt := range []struct {
		file                                  string
		manager, others, noDeputy, unassigned []profile.RoleKind
		concentrated                          []Load
		two                                   bool
		other                                 string
		check                                 CrossCheck
	}{
		// Three staff; the manager holds three roles, none deputised;
		// two roles have no holder.
		{"testdata/three-dental.toml",
			kinds("security_officer", "planning_manager", "auditor"),
			kinds("backup_operator", "incident_contact", "system_operator"),
			kinds("security_officer", "planning_manager", "auditor"),
			kinds("privacy_officer", "training_lead"),
			[]Load{{"武田 亮介", 3}}, false, "平野 美咲", CrossCheck{"平野 美咲", "武田 亮介"}},
		// Two staff who hold four roles each: the manager checks the
		// system operator's account work.
		{"../../profiles/futaba-naika.toml",
			kinds("security_officer", "planning_manager", "privacy_officer", "training_lead"),
			kinds("system_operator", "incident_contact", "backup_operator", "auditor"),
			nil, nil,
			[]Load{{"森 博之", 4}, {"森 京子", 4}}, true, "森 京子", CrossCheck{"森 京子", "森 博之"}},
	} {
		s := load(t, tt.file).Staffing
		got := []any{s.ManagerRoles, s.OtherRoles, s.NoDeputy, s.Unassigned, s.Concentrated, s.TwoStaff, s.Other.Name, s.AccountCheck}
		want := []any{tt.manager, tt.others, tt.noDeputy, tt.unassigned, tt.concentrated, tt.two, tt.other, tt.check}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: staffing\n%v\nwant\n%v", tt.file, got, want)
		}
	}
}
