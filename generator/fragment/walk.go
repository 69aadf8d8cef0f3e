package fragment

import "text/template/parse"

// inspect calls visit for n and every node under it, in source order:
// actions, their pipelines, commands and arguments, and the branches of
// if, range and with.
func inspect(n parse.Node, visit func(parse.Node)) {
	if n == nil {
		return
	}
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		visit(n)
		for _, c := range n.Nodes {
			inspect(c, visit)
		}
		return
	case *parse.PipeNode:
		if n == nil {
			return
		}
		visit(n)
		for _, c := range n.Cmds {
			inspect(c, visit)
		}
		return
	}
	visit(n)
	switch n := n.(type) {
	case *parse.ActionNode:
		inspect(n.Pipe, visit)
	case *parse.CommandNode:
		for _, a := range n.Args {
			inspect(a, visit)
		}
	case *parse.ChainNode:
		inspect(n.Node, visit)
	case *parse.IfNode:
		inspectBranch(&n.BranchNode, visit)
	case *parse.RangeNode:
		inspectBranch(&n.BranchNode, visit)
	case *parse.WithNode:
		inspectBranch(&n.BranchNode, visit)
	case *parse.TemplateNode:
		inspect(n.Pipe, visit)
	}
}

func inspectBranch(b *parse.BranchNode, visit func(parse.Node)) {
	inspect(b.Pipe, visit)
	inspect(b.List, visit)
	inspect(b.ElseList, visit)
}
