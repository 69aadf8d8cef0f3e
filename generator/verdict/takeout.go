package verdict

import "github.com/anzen-dev/anzen/generator/profile"

// Takeout is the record of taking devices and media out
// (regulations-takeout-form): what is registered to be taken out, and who
// approves and checks it.
type Takeout struct {
	// Devices are the clinic's own devices and media taken off the
	// premises (staff's own are not the clinic's to lend), in profile
	// order.
	Devices []*Carried
	// Media: some are storage media; Daily: some are devices taken out
	// to work on; Numbered: one of them has several units.
	Media, Daily, Numbered bool
	// Approvers are who approve taking each out, each with the devices
	// they approve, in device order: the member of staff who manages it,
	// else the system operator, else the manager.
	Approvers []Approver
	// OperatorChecks: when the approver is away, the system operator
	// checks what comes back (there is one, and they are not the only
	// approver); else the manager.
	OperatorChecks bool
}

// Approver is who approves taking out the devices named.
type Approver struct {
	Name    string
	Devices []string
}

func judgeTakeout(p *profile.Profile, c *Clinic) Takeout {
	var out Takeout
	op := p.HolderOf(string(profile.RoleSystemOperator))
	fallback := op.Name
	if fallback == "" {
		fallback = p.Manager().Name
	}
	at := map[string]int{}
	for _, k := range c.Carried {
		if k.Personal {
			continue
		}
		out.Devices = append(out.Devices, k)
		if k.Media {
			out.Media = true
		} else {
			out.Daily = true
		}
		out.Numbered = out.Numbered || k.Numbered
		who := fallback
		if s := p.StaffByID(k.KeeperID); s != nil {
			who = s.Name
		}
		i, ok := at[who]
		if !ok {
			i = len(out.Approvers)
			at[who] = i
			out.Approvers = append(out.Approvers, Approver{Name: who})
		}
		out.Approvers[i].Devices = append(out.Approvers[i].Devices, k.Name)
	}
	out.OperatorChecks = op.Name != "" && !(len(out.Approvers) == 1 && out.Approvers[0].Name == op.Name)
	return out
}
